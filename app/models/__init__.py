"""All mapped classes, imported here so metadata and mappers are complete once `app.models` is."""

from app.models.base import Base, Syncable
from app.models.committee import Committee, CommitteeMember, DutyRecord, NegativeRecord
from app.models.company import CompanyStaff, PropertyCompany, ServiceContract
from app.models.disclosure import BoardPrint, DisclosureBoard
from app.models.estate import Building, Estate
from app.models.meta import AuditEntry, DbMeta, SeqCounter
from app.models.org import Org
from app.models.packages import (
    OfficeKey,
    PackageReceived,
    PackageSent,
    PeerOffice,
    SyncConflict,
    SyncCursor,
    SyncPending,
)

__all__ = [
    "AuditEntry",
    "Base",
    "BoardPrint",
    "Building",
    "Committee",
    "CommitteeMember",
    "CompanyStaff",
    "DbMeta",
    "DisclosureBoard",
    "DutyRecord",
    "Estate",
    "NegativeRecord",
    "OfficeKey",
    "Org",
    "PackageReceived",
    "PackageSent",
    "PeerOffice",
    "PropertyCompany",
    "SeqCounter",
    "ServiceContract",
    "SyncConflict",
    "SyncCursor",
    "SyncPending",
    "Syncable",
]
