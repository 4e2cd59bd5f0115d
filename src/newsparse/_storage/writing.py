"""Writing a small file whole to a URL."""

from __future__ import annotations

from newsparse._storage.options import StorageOptions
from newsparse._storage.remote import MISSING_EXTRA, filesystem

__all__ = ["write_remote"]


def write_remote(url: str, data: bytes, options: StorageOptions) -> None:
    """Put *data* at *url* in one request; OSError saying why when it cannot be."""
    try:
        fs, path = filesystem(url, options)
        fs.pipe_file(path, data)
    except ImportError as error:
        raise OSError(f"{MISSING_EXTRA} ({error})") from None
    except OSError:
        raise
    except Exception as error:  # a file system raises what its client raises
        raise OSError(str(error) or type(error).__name__) from error
