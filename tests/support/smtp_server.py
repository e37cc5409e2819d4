#!/usr/bin/env python3
"""A real SMTP server for tests (Debian's python3-aiosmtpd, 1.4).

Listens on 127.0.0.1 (port 0: a free one), prints "READY <port>" on stdout
once it accepts connections, and runs until SIGTERM or SIGINT. Each accepted
message is saved in MAIL_DIR as NNNN.eml (the DATA as received, CRLF line
ends, dot-stuffing undone) and NNNN.json ({"mail_from": "...",
"rcpt_tos": [...]}), the .json last, so a reader that sees the .json finds the
whole .eml beside it. Both are written before the server answers 250.

Usage:
  smtp_server.py --mail-dir DIR [--port N] [--cert PEM --key PEM]
                 [--starttls | --require-starttls | --implicit-tls]
                 [--auth USER:PASSWORD] [--reject ADDRESS]... [--defer ADDRESS]...
                 [--rcpt-reply ADDRESS=REPLY]... [--refuse-data]
                 [--refuse-data-reply REPLY] [--data-delay SECONDS]
                 [--record-wire FILE]

--starttls offers STARTTLS, --require-starttls refuses everything but EHLO,
NOOP, QUIT and STARTTLS before it, --implicit-tls speaks TLS from the first
byte (smtps://). --auth requires AUTH (PLAIN or LOGIN, only after TLS when TLS
is configured) with exactly this user and password. --reject answers RCPT
TO:<ADDRESS> with 550 (the address is gone), --defer with 450 (try again
later), --rcpt-reply with REPLY ("552 5.2.2 mailbox full"). --refuse-data
answers the end of DATA with "554 5.6.0 message refused" and saves nothing;
--refuse-data-reply answers it with REPLY instead ("552 5.3.4 message size
exceeds fixed maximum", "452 4.3.1 insufficient system storage"). --data-delay
waits SECONDS before answering the end of DATA, as a slow relay does.
--record-wire appends every byte the clients send (after TLS, if any) to FILE.
"""
import argparse
import asyncio
import json
import os
import signal
import ssl
import sys

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class SavingHandler:
    def __init__(self, mail_dir, rcpt_replies, refuse_data=None, data_delay=0.0):
        self.mail_dir = mail_dir
        self.rcpt_replies = rcpt_replies  # lower-case address -> reply
        self.refuse_data = refuse_data
        self.data_delay = data_delay
        self.count = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower() in self.rcpt_replies:
            return self.rcpt_replies[address.lower()]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.data_delay > 0:
            await asyncio.sleep(self.data_delay)
        if self.refuse_data:
            return self.refuse_data
        self.count += 1
        base = os.path.join(self.mail_dir, f"{self.count:04d}")
        write_atomically(base + ".eml", envelope.content)
        # session.ssl is set by STARTTLS; an smtps:// connection shows on the transport.
        tls = (session.ssl is not None
               or server.transport.get_extra_info("ssl_object") is not None)
        record = {"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                  "tls": tls, "authenticated": bool(session.authenticated)}
        write_atomically(base + ".json", json.dumps(record).encode("utf-8"))
        return "250 2.0.0 Message accepted for delivery"


def write_atomically(path, data):
    temporary = path + ".tmp"
    with open(temporary, "wb") as f:
        f.write(data)
    os.rename(temporary, path)


class Authenticator:
    def __init__(self, user, password):
        self.user = user.encode("utf-8")
        self.password = password.encode("utf-8")

    def __call__(self, server, session, envelope, mechanism, auth_data):
        ok = (isinstance(auth_data, LoginPassword) and auth_data.login == self.user
              and auth_data.password == self.password)
        return AuthResult(success=ok, handled=False)


class WireRecordingSMTP(SMTP):
    """An SMTP server that also appends what clients send to a file."""

    wire_file = None

    def data_received(self, data):
        with open(self.wire_file, "ab") as f:
            f.write(data)
        super().data_received(data)


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mail-dir", required=True)
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    tls = parser.add_mutually_exclusive_group()
    tls.add_argument("--starttls", action="store_true")
    tls.add_argument("--require-starttls", action="store_true")
    tls.add_argument("--implicit-tls", action="store_true")
    parser.add_argument("--auth", metavar="USER:PASSWORD")
    parser.add_argument("--reject", action="append", default=[], metavar="ADDRESS")
    parser.add_argument("--defer", action="append", default=[], metavar="ADDRESS")
    parser.add_argument("--rcpt-reply", action="append", default=[], metavar="ADDRESS=REPLY")
    parser.add_argument("--refuse-data", action="store_true")
    parser.add_argument("--refuse-data-reply", metavar="REPLY")
    parser.add_argument("--data-delay", type=float, default=0.0, metavar="SECONDS")
    parser.add_argument("--record-wire", metavar="FILE")
    arguments = parser.parse_args()
    wants_tls = arguments.starttls or arguments.require_starttls or arguments.implicit_tls
    if wants_tls and not (arguments.cert and arguments.key):
        parser.error("TLS needs --cert and --key")
    return arguments


async def serve(arguments):
    loop = asyncio.get_running_loop()
    refusal = arguments.refuse_data_reply or (
        "554 5.6.0 message refused" if arguments.refuse_data else None)
    rcpt_replies = {}
    for address in arguments.reject:
        rcpt_replies[address.lower()] = f"550 5.1.1 <{address}>: recipient rejected"
    for address in arguments.defer:
        rcpt_replies[address.lower()] = f"450 4.2.1 <{address}>: mailbox busy, try again later"
    for pair in arguments.rcpt_reply:
        address, _, reply = pair.partition("=")
        rcpt_replies[address.lower()] = reply
    handler = SavingHandler(arguments.mail_dir, rcpt_replies, refusal, arguments.data_delay)
    context = None
    if arguments.cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(arguments.cert, arguments.key)
    starttls = arguments.starttls or arguments.require_starttls
    options = dict(hostname="smtp.test", ident="omvarld test SMTP server",
                   tls_context=context if starttls else None,
                   require_starttls=arguments.require_starttls)
    if arguments.auth:
        user, _, password = arguments.auth.partition(":")
        options.update(authenticator=Authenticator(user, password), auth_required=True,
                       auth_require_tls=context is not None)

    server_class = SMTP
    if arguments.record_wire:
        WireRecordingSMTP.wire_file = arguments.record_wire
        server_class = WireRecordingSMTP

    def protocol():
        return server_class(handler, loop=loop, **options)

    server = await loop.create_server(
        protocol, host="127.0.0.1", port=arguments.port, reuse_address=True,
        ssl=context if arguments.implicit_tls else None)
    stopped = loop.create_future()
    for number in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(number, lambda: stopped.done() or stopped.set_result(None))
    port = server.sockets[0].getsockname()[1]
    print(f"READY {port}", flush=True)
    await stopped
    server.close()
    await server.wait_closed()


def main():
    arguments = parse_arguments()
    os.makedirs(arguments.mail_dir, exist_ok=True)
    asyncio.run(serve(arguments))
    return 0


if __name__ == "__main__":
    sys.exit(main())
