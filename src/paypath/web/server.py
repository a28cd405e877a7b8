"""uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection.

With ``--workers N`` uvicorn binds the listening socket itself with ``proto`` 0; accepted
sockets inherit it, and asyncio only sets ``TCP_NODELAY`` on sockets that report
``IPPROTO_TCP`` (uvicorn issue #3149). Nagle then holds each response body until the
client's delayed ACK (~40 ms on Linux) on every keep-alive request. `paypath serve` passes
this class as uvicorn's ``http`` protocol, which sets the option itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.h11_impl import H11Protocol

__all__ = ["NoDelayH11Protocol"]


class NoDelayH11Protocol(H11Protocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            with contextlib.suppress(OSError):  # a socket the peer already closed
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        super().connection_made(transport)
