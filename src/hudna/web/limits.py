"""Size limits: request bodies (Content-Length and streamed) and uploads."""

from __future__ import annotations

from fastapi import Request, UploadFile
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from hudna.errors import HudnaError


class PayloadTooLarge(HudnaError):
    """The request body or uploaded file exceeds ``max_upload_bytes``."""

    code = "HUDNA-UPLOAD-413"


async def read_upload(request: Request, file: UploadFile) -> bytes:
    """The file's bytes, refusing more than ``max_upload_bytes``."""
    limit = request.app.state.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise PayloadTooLarge(f"upload exceeds {limit} bytes")
    return data


class BodyLimit:
    """ASGI middleware: 413 when Content-Length (or the streamed body) exceeds the limit."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        # The body may be a little larger than the file (multipart framing): allow 64 KiB.
        limit = self.max_bytes + 65_536
        if length is not None and length.isdigit() and int(length) > limit:
            await _too_large(send, limit)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                body = message.get("body", b"")
                seen += len(body) if isinstance(body, bytes | bytearray) else 0
                if seen > limit:
                    raise PayloadTooLarge(f"request body exceeds {limit} bytes")
            return message

        await self.app(scope, limited, send)


async def _too_large(send: Send, limit: int) -> None:
    import json

    body = json.dumps(
        {
            "type": "https://hudna.invalid/errors/HUDNA-UPLOAD-413",
            "title": "Payload too large",
            "status": 413,
            "detail": f"request body exceeds {limit} bytes",
            "code": "HUDNA-UPLOAD-413",
        }
    ).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [(b"content-type", b"application/problem+json"), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
