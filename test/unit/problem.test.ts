import { AppError } from '../../src/platform/errors';
import { toProblem } from '../../src/http/problem';

describe('toProblem', () => {
  it('answers an unexpected error with a 500 that reveals nothing of it', () => {
    const problem = toProblem(new Error('SQLITE_CORRUPT: database disk image is malformed at /srv/data/sop.db'));
    expect(problem).toEqual({
      type: 'urn:sop-scheduler:problem:internal-error',
      title: 'Internal Server Error',
      status: 500,
      detail: 'An unexpected error occurred; it has been logged',
      code: 'INTERNAL_ERROR',
    });
    expect(JSON.stringify(toProblem(Object.assign(new TypeError('x is undefined'), { statusCode: 500 })))).not.toContain('undefined');
  });

  it('keeps an AppError’s status, code, message and field errors', () => {
    expect(toProblem(new AppError(409, 'SLOT_TAKEN', 'The slot is already booked', [{ path: '/body/slotId', message: 'taken' }]))).toEqual({
      type: 'urn:sop-scheduler:problem:slot-taken',
      title: 'Conflict',
      status: 409,
      detail: 'The slot is already booked',
      code: 'SLOT_TAKEN',
      errors: [{ path: '/body/slotId', message: 'taken' }],
    });
  });
});
