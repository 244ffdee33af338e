// The engine's one error, ScoringInputError, as an API error: bad input is the caller's 400, anything else is a
// conflict with what is stored (an unusable policy, a month that cannot be ranked) and says which part.
import { ScoringInputError } from '@shared/scoring'
import { ApiError } from '../http/api-error'

/** Runs the engine; its ScoringInputError becomes an ApiError with the engine's code and details. */
export function scoring<T>(run: () => T): T {
  try {
    return run()
  } catch (err) {
    if (err instanceof ScoringInputError) {
      throw new ApiError(err.code === 'invalid_input' ? 'bad_request' : 'conflict', err.message, { reason: err.code, ...err.details })
    }
    throw err
  }
}
