"""What an office knows about packages: keys, its upper office and subordinates, packages sent
and received, equal-rev conflicts and rows waiting for their parent. Local; never travels."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    BigInteger,
    Boolean,
    DateTime,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import Base


class OfficeKey(Base):
    """A public key of this office or of a peer; this office's private keys are files by id."""

    __tablename__ = "office_key"

    key_id: Mapped[str] = mapped_column(String(16), primary_key=True)
    org_code: Mapped[str] = mapped_column(String(12), index=True)
    kind: Mapped[str] = mapped_column(String(4))  # sign (Ed25519) | enc (X25519)
    public_key: Mapped[str] = mapped_column(String(64))  # raw 32 bytes, hex
    own: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(DateTime)


class PeerOffice(Base):
    """The office above (from its onboarding file) and the known subordinates below."""

    __tablename__ = "peer_office"

    code: Mapped[str] = mapped_column(String(12), primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    level: Mapped[str] = mapped_column(String(12))
    relation: Mapped[str] = mapped_column(String(12))  # upper | subordinate
    # The onboarding file's id: a subordinate's reply must echo it to register its keys.
    onboarding_id: Mapped[str] = mapped_column(String(36))
    onboarded_at: Mapped[datetime] = mapped_column(DateTime)
    keys_received_at: Mapped[datetime | None] = mapped_column(DateTime)


class PackageSent(Base):
    __tablename__ = "package_sent"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    kind: Mapped[str] = mapped_column(String(8))  # delta | snapshot
    receivers: Mapped[str] = mapped_column(String(200))  # codes, comma-separated
    db_id: Mapped[str] = mapped_column(String(36))
    seq_from: Mapped[int] = mapped_column(BigInteger)
    seq_to: Mapped[int] = mapped_column(BigInteger)
    rows: Mapped[int] = mapped_column(Integer)
    previous_id: Mapped[str | None] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(DateTime)
    file_name: Mapped[str] = mapped_column(String(260))
    acknowledged_at: Mapped[datetime | None] = mapped_column(DateTime)  # 已接收
    receipt_json: Mapped[str | None] = mapped_column(Text)


class PackageReceived(Base):
    """`package_id` UNIQUE: the same package twice is a no-op, even from two processes."""

    __tablename__ = "package_received"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    package_id: Mapped[str] = mapped_column(String(36), unique=True)
    manifest_sha256: Mapped[str] = mapped_column(String(64))
    sender_code: Mapped[str] = mapped_column(String(12), index=True)
    sender_db_id: Mapped[str] = mapped_column(String(36))
    kind: Mapped[str] = mapped_column(String(8))
    seq_from: Mapped[int] = mapped_column(BigInteger)
    seq_to: Mapped[int] = mapped_column(BigInteger)
    previous_id: Mapped[str | None] = mapped_column(String(36))
    gap: Mapped[bool] = mapped_column(Boolean, default=False)
    # The local seq range its rows were given: a street relays them in its next delta.
    local_seq_from: Mapped[int] = mapped_column(BigInteger)
    local_seq_to: Mapped[int] = mapped_column(BigInteger)
    received_at: Mapped[datetime] = mapped_column(DateTime)
    report_json: Mapped[str] = mapped_column(Text)


class PackagePart(Base):
    """An office's own rows as it signed them (app/packages/parts.py), received from below and
    kept so the next upward export relays the part byte for byte: the office above checks
    the owner's signature, not only the relaying office's. `local_seq_from/to` is the range
    of local seqs the package that brought it handed out: an export relays the parts whose
    range reaches above the receiver's acknowledged cursor (the cursor is the per-superior
    watermark, so a lost package's parts go out again until its receipt comes back)."""

    __tablename__ = "package_part"

    part_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    signer: Mapped[str] = mapped_column(String(12), index=True)
    sign_key_id: Mapped[str] = mapped_column(String(16))
    sha256: Mapped[str] = mapped_column(String(64))
    body: Mapped[bytes] = mapped_column(LargeBinary)  # the signed bytes, unchanged
    signature: Mapped[bytes] = mapped_column(LargeBinary)
    package_id: Mapped[str] = mapped_column(String(36))  # the package it came in
    came_from: Mapped[str] = mapped_column(String(12), index=True)  # that package's sender
    local_seq_from: Mapped[int] = mapped_column(BigInteger)
    local_seq_to: Mapped[int] = mapped_column(BigInteger, index=True)
    received_at: Mapped[datetime] = mapped_column(DateTime)


class SyncCursor(Base):
    """Per receiver: the highest own seq it acknowledged, and the db_id of the last export."""

    __tablename__ = "sync_cursor"

    receiver_code: Mapped[str] = mapped_column(String(12), primary_key=True)
    acked_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    last_db_id: Mapped[str | None] = mapped_column(String(36))


class SyncConflict(Base):
    """The losing version of an equal-rev conflict, kept whole for a person to look at."""

    __tablename__ = "sync_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_uuid: Mapped[str] = mapped_column(String(36), index=True)
    rev: Mapped[int] = mapped_column(Integer)
    winner_db_id: Mapped[str | None] = mapped_column(String(36))
    loser_db_id: Mapped[str | None] = mapped_column(String(36))
    loser_json: Mapped[str] = mapped_column(Text)
    package_id: Mapped[str] = mapped_column(String(36))
    detected_at: Mapped[datetime] = mapped_column(DateTime)
    resolved_at: Mapped[datetime | None] = mapped_column(DateTime)


class SyncPending(Base):
    """A received row whose parent has not arrived yet; promoted when it does."""

    __tablename__ = "sync_pending"
    __table_args__ = (UniqueConstraint("table_name", "row_uuid"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    table_name: Mapped[str] = mapped_column(String(60))
    row_uuid: Mapped[str] = mapped_column(String(36))
    rev: Mapped[int] = mapped_column(Integer)
    package_id: Mapped[str] = mapped_column(String(36))
    reason: Mapped[str] = mapped_column(String(120))
    row_json: Mapped[str] = mapped_column(Text)
    received_at: Mapped[datetime] = mapped_column(DateTime)
