/**
 * Reading a file that was checked by its real path, without a window in which a swapped
 * symbolic link could be followed: the file is opened once (never through a final symbolic
 * link), the opened descriptor is checked to be a regular file that is the one that was
 * checked, and the bytes are read from that descriptor, up to a limit.
 */
import {
  closeSync,
  constants,
  fstatSync,
  statSync,
  lstatSync,
  openSync,
  readlinkSync,
  readSync,
  realpathSync,
} from 'node:fs';

/** Error codes of readCheckedFile beyond the system's (ENOENT, EACCES...); their messages name no path. */
export const NOT_REGULAR = 'ENOTREGULAR';
export const CHANGED = 'ECHANGED';
export const TOO_LARGE = 'EFBIG';

export type CheckedReadError = NodeJS.ErrnoException & { size?: number };

function fail(code: string, message: string, size?: number): never {
  const err = new Error(message) as CheckedReadError;
  err.code = code;
  if (size !== undefined) err.size = size;
  throw err;
}

/** Where the kernel says an open descriptor points (Linux: /proc/self/fd), or undefined. */
function descriptorPath(fd: number): string | undefined {
  try {
    return readlinkSync(`/proc/self/fd/${fd}`);
  } catch {
    return undefined;
  }
}

/**
 * Reads the regular file whose real path (every symbolic link resolved, as realpath gives
 * it) is `real`, at most `maxBytes` bytes. Throws an error with a `code`:
 * - ELOOP (or ECHANGED) when the last component became a symbolic link after the check
 *   (the file is opened with O_NOFOLLOW);
 * - ECHANGED when the opened file is not the one at `real` (a directory on the way was
 *   swapped for a link): on Linux the descriptor's own path is compared with `real`;
 *   elsewhere the device and inode of the descriptor are compared with those of `real`
 *   before the open, and `real` must still be its own real path after it;
 * - ENOTREGULAR for a directory, device, FIFO or socket (opened without blocking);
 * - EFBIG, with `size`, for a file larger than `maxBytes` (nothing beyond the limit is read);
 * - the system's code (ENOENT, EACCES, ...) otherwise.
 */
export function readCheckedFile(real: string, maxBytes: number): Buffer {
  const flags = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
  const before = lstatSync(real);
  let fd: number;
  try {
    fd = openSync(real, flags);
  } catch (err) {
    // `real` had no symbolic link in it when it was resolved: a link there now was swapped in
    if ((err as NodeJS.ErrnoException).code === 'ELOOP')
      fail(CHANGED, 'changed while it was opened (a symbolic link swapped in?)');
    throw err;
  }
  try {
    const st = fstatSync(fd);
    const viaKernel = descriptorPath(fd);
    if (viaKernel !== undefined) {
      if (viaKernel !== real) fail(CHANGED, 'changed while it was opened (a symbolic link swapped in?)');
    } else {
      let now: string | undefined;
      try {
        now = realpathSync(real);
      } catch {
        now = undefined;
      }
      if (st.dev !== before.dev || st.ino !== before.ino || now !== real)
        fail(CHANGED, 'changed while it was opened (a symbolic link swapped in?)');
    }
    if (!st.isFile()) fail(NOT_REGULAR, 'not a regular file (a device, pipe or directory?)');
    if (st.size > maxBytes) fail(TOO_LARGE, `larger than the limit of ${maxBytes} bytes`, st.size);
    // Read to the end (the file may have grown since fstat), never more than maxBytes + 1.
    const chunks: Buffer[] = [];
    let total = 0;
    const chunkSize = Math.min(Math.max(st.size + 1, 4096), maxBytes + 1, 1 << 24);
    for (;;) {
      const want = Math.min(chunkSize, maxBytes + 1 - total);
      if (want <= 0) break;
      const buf = Buffer.allocUnsafe(want);
      const n = readSync(fd, buf, 0, want, null);
      if (n === 0) break;
      chunks.push(n === want ? buf : buf.subarray(0, n));
      total += n;
    }
    if (total > maxBytes) fail(TOO_LARGE, `larger than the limit of ${maxBytes} bytes`, Math.max(total, st.size));
    return Buffer.concat(chunks, total);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why a file of seglint's own (configuration, rule, rule test) could not be read, in words:
 * the errors of readCheckedFile and the system's, never a bare code.
 */
export function readErrorText(err: NodeJS.ErrnoException & { size?: number }, abs: string): string {
  switch (err.code) {
    case 'ENOENT':
      return 'no such file';
    case 'EISDIR':
    case NOT_REGULAR: {
      let dir = false;
      try {
        dir = statSync(abs).isDirectory();
      } catch {
        /* gone meanwhile: say what was seen */
      }
      return dir ? 'it is a directory' : 'it is not a regular file (a device, a pipe?)';
    }
    case CHANGED:
      return 'it changed while it was being opened (a symbolic link swapped in?); it was not read';
    case TOO_LARGE:
      return `it is larger than the limit${err.size !== undefined ? ` (${err.size} bytes)` : ''}`;
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    default:
      return err.code ?? err.message;
  }
}
