// The one error the engine throws: input it cannot score, with a code and the details that name the problem.

export type ScoringErrorCode =
  | 'invalid_policy'
  | 'invalid_input'
  | 'wrong_quarter'
  | 'unpublished_month'
  | 'incomplete_month'
  | 'duplicate_month'
  | 'missing_month'

export class ScoringInputError extends Error {
  readonly code: ScoringErrorCode
  readonly details: Record<string, unknown>

  constructor(code: ScoringErrorCode, message: string, details: Record<string, unknown> = {}) {
    super(message)
    this.name = 'ScoringInputError'
    this.code = code
    this.details = details
  }
}
