// Data files are readable only by their owner: files 0600 in 0700 folders, whatever folder they are
// put in and whatever the umask. Applied by electron/core/private-files.ts (the terminal) and
// forwarder/private-files.ts (the forwarder), which cannot share Node code through shared/.
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;
/** SQLite creates these beside a database with the database file's own mode. */
export const SQLITE_SIDE_FILES = ['-wal', '-shm', '-journal'] as const;
