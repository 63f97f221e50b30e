// Compares one raw Opn answer with the shape the terminal's schemas describe, field by field. The sandbox
// serialises exactly these declared fields (the KakaoPay guide's example), so a field reported here is
// missing from, extra to, or shaped differently from what the sandbox answers. Values are never copied
// into the result: only paths and JSON types.
import { z } from 'zod';
import { isKnownExtra } from './known-fields';

export interface FieldDiff {
  /** Dotted path, `[]` for array elements: `source.absorption_type`, `refunds.data[].voided`. */
  readonly path: string;
  readonly kind: 'missing' | 'extra' | 'shape';
  /** For 'shape': what the schema expects and the JSON type found. */
  readonly expected?: string;
  readonly found?: string;
  /** A missing field the terminal cannot do without (its schema requires it): the answer fails to parse. */
  readonly required?: boolean;
  /** For 'extra': a field recorded Opn answers are known to carry (known-fields.ts), else a new one. */
  readonly known?: boolean;
}

function jsonType(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

interface Unwrapped {
  readonly inner: z.ZodType;
  readonly optional: boolean;
  readonly nullable: boolean;
}

function unwrap(s: z.ZodType): Unwrapped {
  let inner = s;
  let optional = false;
  let nullable = false;
  for (;;) {
    if (inner instanceof z.ZodOptional) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodDefault) {
      optional = true;
      inner = inner.unwrap() as z.ZodType;
    } else if (inner instanceof z.ZodNullable) {
      nullable = true;
      inner = inner.unwrap() as z.ZodType;
    } else return { inner, optional, nullable };
  }
}

function describe(s: z.ZodType): string {
  const type = s.def.type;
  if (s instanceof z.ZodEnum) return `one of ${(s.options as readonly unknown[]).map(String).join('|')}`;
  if (s instanceof z.ZodLiteral) return JSON.stringify(s.value);
  return type === 'int' ? 'integer' : type;
}

const join = (base: string, key: string): string => (base ? `${base}.${key}` : key);

/** Every difference between `value` and `schema`, looking into objects and the first elements of arrays. */
export function diffShape(schema: z.ZodType, value: unknown, path = ''): FieldDiff[] {
  const { inner, nullable } = unwrap(schema);
  if (value === null) return nullable || inner instanceof z.ZodUnknown ? [] : [{ path, kind: 'shape', expected: describe(inner), found: 'null' }];
  if (inner instanceof z.ZodObject) {
    if (jsonType(value) !== 'object') return [{ path, kind: 'shape', expected: 'object', found: jsonType(value) }];
    const obj = value as Record<string, unknown>;
    const shape = inner.shape as Record<string, z.ZodType>;
    const out: FieldDiff[] = [];
    for (const [key, field] of Object.entries(shape)) {
      if (!(key in obj)) out.push({ path: join(path, key), kind: 'missing', required: !unwrap(field).optional });
      else out.push(...diffShape(field, obj[key], join(path, key)));
    }
    for (const key of Object.keys(obj)) if (!(key in shape)) out.push({ path: join(path, key), kind: 'extra', found: jsonType(obj[key]), known: isKnownExtra(join(path, key)) });
    return out;
  }
  if (inner instanceof z.ZodArray) {
    if (!Array.isArray(value)) return [{ path, kind: 'shape', expected: 'array', found: jsonType(value) }];
    const seen = new Map<string, FieldDiff>();
    for (const el of value.slice(0, 20)) for (const d of diffShape(inner.element as z.ZodType, el, `${path}[]`)) seen.set(`${d.kind}:${d.path}`, d);
    return [...seen.values()];
  }
  return inner.safeParse(value).success ? [] : [{ path, kind: 'shape', expected: describe(inner), found: jsonType(value) }];
}
