"""An upload handler that stops reading a file past CIDB_IMPORT_MAX_BYTES (the largest
file cidb accepts anywhere), so an oversized upload is neither read whole nor stored.
The import form then says why (its view checks the declared length first)."""

from __future__ import annotations

from django.core.files.uploadhandler import FileUploadHandler, StopUpload

from . import decode


class LimitedUploadHandler(FileUploadHandler):
    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        if start + len(raw_data) > decode.max_bytes():
            # connection_reset: do not read (and discard) the rest of the body either
            raise StopUpload(connection_reset=True)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handlers build the file
