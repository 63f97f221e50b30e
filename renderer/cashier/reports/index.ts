// The Reports screen the app mounts in the cashier window (behind the manager PIN).
import './reports.css';

export { ReportsScreen } from './ReportsScreen';
export type { ReportsScreenProps } from './ReportsScreen';
