/** Awaits a promise that must reject with a ReadError, and returns the error (tests assert its code). */
import { expect } from 'vitest';
import { ReadError } from '../../src/read/table.js';

export async function readError(promise: Promise<unknown>): Promise<ReadError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ReadError);
    return err as ReadError;
  }
  throw new Error('expected a ReadError');
}
