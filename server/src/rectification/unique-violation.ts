// Whether a write failed on a unique or primary key: a concurrent request stored the same key first.
export function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; message?: string }
  return e?.code === '23505' || /^SQLITE_CONSTRAINT_(UNIQUE|PRIMARYKEY)$/.test(e?.code ?? '') || /UNIQUE constraint failed/.test(e?.message ?? '')
}
