// The embedded photo store: files under <dataDir>/blobs, named by hash and fanned out by its first two digits
// (blobs/ab/abcdef…). Partial uploads wait in blobs/partial/ and whole uploads in blobs/tmp/ until they are
// verified; only then are they renamed into place, so a stored blob is always whole and always what its name says.
import { createHash, randomUUID } from 'node:crypto'
import { mkdir, open, rename, rm, stat, type FileHandle } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { Readable } from 'node:stream'
import { assertBlobKey, HashMismatchError, PartialGoneError, PartialWriteError, type BlobKey, type BlobStore } from './blob-store'

export function fsBlobStore(root: string): BlobStore {
  const blobPath = (key: BlobKey) => (assertBlobKey(key), join(root, key.slice(0, 2), key))
  const partialPath = (key: BlobKey) => (assertBlobKey(key), join(root, 'partial', key))

  return {
    async head(key) {
      const s = await statOrNull(blobPath(key))
      return s ? { size: s.size } : null
    },

    async get(key) {
      return openReadable(blobPath(key))
    },

    async put(key, body, opts = {}) {
      const target = blobPath(key)
      const tmp = join(root, 'tmp', `${key}.${randomUUID()}`)
      await mkdir(dirname(tmp), { recursive: true })
      const hash = createHash('sha256')
      let size = 0
      try {
        const fh = await open(tmp, 'wx')
        try {
          for await (const chunk of body) {
            hash.update(chunk)
            await writeAll(fh, chunk, size)
            size += chunk.length
          }
          await fh.sync()
        } finally {
          await fh.close()
        }
        const actual = hash.digest('hex')
        if (opts.sha256 !== undefined && actual !== opts.sha256) throw new HashMismatchError(opts.sha256, actual, size)
        await moveInto(tmp, target)
      } catch (err) {
        await rm(tmp, { force: true })
        throw err
      }
      return { size }
    },

    async delete(key) {
      await rm(blobPath(key), { force: true })
    },

    async writePartial(key, offset, body) {
      const path = partialPath(key)
      await mkdir(dirname(path), { recursive: true })
      const fh = await open(path, offset === 0 ? 'w' : 'r+').catch((err: NodeJS.ErrnoException) => {
        if (err.code === 'ENOENT') throw new PartialGoneError(0)
        throw err
      })
      let written = 0
      try {
        const { size } = await fh.stat()
        if (size < offset) throw new PartialGoneError(size)
        // Whatever lies past the offset was never confirmed to a client: drop it before writing.
        await fh.truncate(offset)
        // Each piece is written before the next is asked for, so when the body throws, `written` bytes are on disk.
        let writing = false
        try {
          for await (const chunk of body) {
            writing = true
            await writeAll(fh, chunk, offset + written)
            written += chunk.length
            writing = false
          }
        } catch (err) {
          if (writing) throw err
          await fh.sync()
          throw new PartialWriteError(written, err)
        }
        await fh.sync()
      } finally {
        await fh.close()
      }
      return written
    },

    async readPartial(key, length) {
      return openReadable(partialPath(key), length)
    },

    async completePartial(key, length) {
      const path = partialPath(key)
      const fh = await open(path, 'r+')
      try {
        await fh.truncate(length)
        await fh.sync()
      } finally {
        await fh.close()
      }
      await moveInto(path, blobPath(key))
      await syncDir(dirname(path))
    },

    async deletePartial(key) {
      await rm(partialPath(key), { force: true })
    },
  }
}

async function writeAll(fh: FileHandle, chunk: Uint8Array, position: number): Promise<void> {
  let done = 0
  while (done < chunk.length) {
    const { bytesWritten } = await fh.write(chunk, done, chunk.length - done, position + done)
    done += bytesWritten
  }
}

/** Rename into place, then sync the directory so that the new name survives a power cut. */
async function moveInto(from: string, to: string): Promise<void> {
  await mkdir(dirname(to), { recursive: true })
  await rename(from, to)
  await syncDir(dirname(to))
}

async function syncDir(dir: string): Promise<void> {
  let fh: FileHandle | undefined
  try {
    fh = await open(dir, 'r')
    await fh.sync()
  } catch {
    // Some platforms (Windows) cannot open or sync a directory; the rename itself has happened.
  } finally {
    await fh?.close()
  }
}

async function statOrNull(path: string) {
  try {
    const s = await stat(path)
    return s.isFile() ? s : null
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}

/** The file's bytes, or its first `length` bytes. */
async function openReadable(path: string, length?: number): Promise<Readable | null> {
  try {
    const fh = await open(path, 'r')
    if (length === 0) {
      await fh.close()
      return Readable.from([])
    }
    return fh.createReadStream(length === undefined ? {} : { start: 0, end: length - 1 })
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null
    throw err
  }
}
