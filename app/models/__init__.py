"""All mapped classes, imported here so metadata and mappers are complete once `app.models` is."""

from app.models.account import UserAccount
from app.models.assessment import (
    AssessmentItem,
    AssessmentReview,
    AssessmentScore,
    AssessmentSheet,
)
from app.models.base import Base, Syncable
from app.models.committee import (
    CandidateCheck,
    Committee,
    CommitteeAccount,
    CommitteeAccountLine,
    CommitteeAccountPrint,
    CommitteeMember,
    DutyRecord,
    NegativeRecord,
)
from app.models.company import CompanyStaff, PropertyCompany, ServiceContract
from app.models.complaint import Complaint
from app.models.credit import CreditItem
from app.models.disclosure import BoardPrint, DisclosureBoard
from app.models.estate import Building, Estate
from app.models.holiday import HolidayOverride, HolidayYear
from app.models.inspection import Inspection, InspectionFeedback, InspectionFinding
from app.models.meeting import JointMeeting, MeetingAttendee, Resolution
from app.models.meta import AuditEntry, DbMeta, RequestDone, SeqCounter
from app.models.org import Org
from app.models.packages import (
    OfficeKey,
    PackagePart,
    PackageReceived,
    PackageSent,
    PeerOffice,
    SyncConflict,
    SyncCursor,
    SyncPending,
)
from app.models.problem import Problem, ProblemListPrint
from app.models.red import CrossPost, DemonstrationProject, DemonstrationReview, MarketDecision
from app.models.shared_data import CodeTable, PublishedTemplate
from app.models.status_change import StatusChange
from app.models.steering import Circular, CircularParty, Interview, InterviewCommitment
from app.models.submission import ReportCampaign, Submission, SubmissionReview
from app.models.survey import SurveyCampaign, SurveyResponse, SurveyResultPrint
from app.models.task import Task, TaskAnswer, TaskAnswerReview, TaskInterview, TaskReminder
from app.models.voting import (
    Ballot,
    Canvass,
    HousingUnit,
    UnitOwner,
    VoteCandidateCheck,
    VoteItem,
    VoteMatter,
)

__all__ = [
    "AssessmentItem",
    "AssessmentReview",
    "AssessmentScore",
    "AssessmentSheet",
    "AuditEntry",
    "Ballot",
    "Base",
    "BoardPrint",
    "Building",
    "CandidateCheck",
    "Canvass",
    "Circular",
    "CircularParty",
    "CodeTable",
    "Committee",
    "CommitteeAccount",
    "CommitteeAccountLine",
    "CommitteeAccountPrint",
    "CommitteeMember",
    "CompanyStaff",
    "Complaint",
    "CreditItem",
    "CrossPost",
    "DbMeta",
    "DemonstrationProject",
    "DemonstrationReview",
    "DisclosureBoard",
    "DutyRecord",
    "Estate",
    "HolidayOverride",
    "HolidayYear",
    "HousingUnit",
    "Inspection",
    "InspectionFeedback",
    "InspectionFinding",
    "Interview",
    "InterviewCommitment",
    "JointMeeting",
    "MarketDecision",
    "MeetingAttendee",
    "NegativeRecord",
    "OfficeKey",
    "Org",
    "PackagePart",
    "PackageReceived",
    "PackageSent",
    "PeerOffice",
    "Problem",
    "ProblemListPrint",
    "PropertyCompany",
    "PublishedTemplate",
    "ReportCampaign",
    "RequestDone",
    "Resolution",
    "SeqCounter",
    "ServiceContract",
    "StatusChange",
    "Submission",
    "SubmissionReview",
    "SurveyCampaign",
    "SurveyResponse",
    "SurveyResultPrint",
    "SyncConflict",
    "SyncCursor",
    "SyncPending",
    "Syncable",
    "Task",
    "TaskAnswer",
    "TaskAnswerReview",
    "TaskInterview",
    "TaskReminder",
    "UnitOwner",
    "UserAccount",
    "VoteCandidateCheck",
    "VoteItem",
    "VoteMatter",
]
