"""Read the bank's files without trusting them.

Only regular files whose real path lies inside the bank folder are read (a link leading
out of it, a FIFO, a device or a folder named like a file is refused before it is
opened), each up to a size cap, and the bytes are decoded strictly as UTF-8.
"""

import os
import stat

DEFAULT_MAX_FILE_BYTES = 1_000_000
DEFAULT_MAX_TOTAL_BYTES = 50_000_000
# O_NONBLOCK keeps a FIFO swapped in after the check from hanging the open.
_OPEN_FLAGS = (os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0)
               | getattr(os, "O_CLOEXEC", 0))
_KINDS = ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a FIFO (named pipe)"),
          (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
          (stat.S_ISSOCK, "a socket"))


class FileProblem(Exception):
    """A bank file that cannot be read; `line` says where, when it is about the content."""

    def __init__(self, message, line=None):
        super().__init__(message)
        self.message = message
        self.line = line


def _describe(mode):
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def inside(root, path):
    """Return the real path of `path`, refusing one that leads outside `root` (real)."""
    try:
        real = path.resolve(strict=True)
    except FileNotFoundError:
        raise FileProblem("is a broken link") from None
    except (OSError, RuntimeError) as error:  # RuntimeError: a link loop, before 3.13
        raise FileProblem(f"cannot be read: {getattr(error, 'strerror', None) or error}") \
            from None
    if not real.is_relative_to(root):
        raise FileProblem("leads outside the bank folder; only files inside it are read")
    return real


def _read_at_most(fd, limit):
    chunks, size = [], 0
    while size < limit:
        chunk = os.read(fd, min(65536, limit - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    return b"".join(chunks)


def read_bytes(root, path, max_bytes=DEFAULT_MAX_FILE_BYTES):
    """Return the bytes of the regular file `path` inside `root`, at most `max_bytes`."""
    real = inside(root, path)
    try:
        before = os.lstat(real)
    except OSError as error:
        raise FileProblem(f"cannot be read: {error.strerror}") from None
    if not stat.S_ISREG(before.st_mode):
        raise FileProblem(f"is {_describe(before.st_mode)}, not a file")
    too_big = FileProblem(f"is larger than the limit of {max_bytes:,} bytes")
    if before.st_size > max_bytes:
        raise too_big
    try:
        fd = os.open(real, _OPEN_FLAGS)
    except OSError as error:
        raise FileProblem(f"cannot be opened: {error.strerror}") from None
    try:
        now = os.fstat(fd)
        # The file may have been swapped between the check and the open.
        if (now.st_dev, now.st_ino) != (before.st_dev, before.st_ino) \
                or not stat.S_ISREG(now.st_mode):
            raise FileProblem("changed while it was being read")
        data = _read_at_most(fd, max_bytes + 1)
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise too_big
    return data


def decode(data):
    """Return `data` decoded as UTF-8, or refuse it naming the line of the first bad byte."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise FileProblem(f"is not valid UTF-8: byte 0x{data[error.start]:02x} "
                          f"({error.reason})", line) from None


def list_folder(root, folder, suffix):
    """Return the entries of `folder` (inside `root`) whose names end in `suffix`, sorted."""
    if not os.path.lexists(folder):
        return []
    real = inside(root, folder)
    if not real.is_dir():
        raise FileProblem("is not a folder")
    try:
        return sorted(p for p in folder.iterdir() if p.name.endswith(suffix))
    except OSError as error:
        raise FileProblem(f"cannot be listed: {error.strerror}") from None
