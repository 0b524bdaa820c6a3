"""Outgoing e-mail through the SMTP server named in the configuration."""

from __future__ import annotations

import smtplib
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from email.message import EmailMessage
from typing import Any

from flask import current_app

SMTP_TIMEOUT = 15  # seconds


@dataclass(frozen=True)
class Attachment:
    """A file sent with a message, e.g. an invitation's ``text/calendar`` .ics."""

    filename: str
    content: bytes
    mimetype: str = "application/octet-stream"
    params: tuple[tuple[str, str], ...] = ()  # extra Content-Type parameters (method=PUBLISH)


def mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_SERVER"))


def send_mail(to: str, subject: str, body: str) -> None:
    """Send one plain-text message; raises on any SMTP failure."""
    with MailBatch() as batch:
        batch.send(to, subject, body)


class MailBatch:
    """Several messages over one SMTP connection: a queue of a thousand messages costs one
    connection, one STARTTLS and one login instead of a thousand.

    The connection opens with the first message. A message the server refuses raises
    for that message only: the connection is reset and serves the next one; a
    connection that broke is opened again for the next message. ``with MailBatch() as
    batch: batch.send(...)`` closes it at the end.
    """

    def __init__(self) -> None:
        self._stack: ExitStack | None = None
        self._smtp: Any = None

    def __enter__(self) -> MailBatch:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    def send(self, to: str, subject: str, body: str,
             attachments: Sequence[Attachment] = ()) -> None:
        """Send one plain-text message and its attachments; raises on any SMTP failure."""
        message = _message(to, subject, body, attachments)
        if self._smtp is None:
            self._connect()
        try:
            self._smtp.send_message(message)
        except Exception:
            self._recover()
            raise

    def close(self) -> None:
        stack, self._stack, self._smtp = self._stack, None, None
        if stack is not None:
            try:
                stack.close()  # QUIT, then close the socket
            except (OSError, smtplib.SMTPException):
                pass  # the server went away first: nothing is left to close

    def _connect(self) -> None:
        cfg = current_app.config
        stack = ExitStack()
        try:
            smtp = stack.enter_context(
                smtplib.SMTP(cfg["MAIL_SERVER"], cfg["MAIL_PORT"], timeout=SMTP_TIMEOUT))
            if cfg["MAIL_USE_TLS"]:
                smtp.starttls()
            if cfg["MAIL_USERNAME"]:
                smtp.login(cfg["MAIL_USERNAME"], cfg["MAIL_PASSWORD"])
        except BaseException:
            stack.close()
            raise
        self._stack, self._smtp = stack, smtp

    def _recover(self) -> None:
        """After a failed message: keep the connection if the server still answers."""
        try:
            self._smtp.rset()
        except Exception:  # noqa: BLE001 - a broken connection: the next message reconnects
            self.close()


def _message(to: str, subject: str, body: str,
             attachments: Sequence[Attachment] = ()) -> EmailMessage:
    cfg = current_app.config
    message = EmailMessage()
    message["From"] = cfg["MAIL_DEFAULT_SENDER"] or cfg["MAIL_USERNAME"] or "no-reply@localhost"
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    for attachment in attachments:
        maintype, _slash, subtype = attachment.mimetype.partition("/")
        message.add_attachment(attachment.content, maintype=maintype, subtype=subtype,
                               filename=attachment.filename, params=dict(attachment.params))
    return message
