//! The task fields (the v3 TaskDto), their types and the DTOs.

#[allow(unused_imports)]
use super::*;

/// A field's type, as the validation messages name it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Ty {
    Int,
    Str,
    DateTime,
    Bool,
    IntList,
    StrList,
    /// Values the emulator computes (rights, links): never written.
    Any,
}

impl Ty {
    pub(super) fn name(self) -> &'static str {
        match self {
            Ty::Int => "int",
            Ty::Str => "string",
            Ty::DateTime => "DateTime",
            Ty::Bool => "bool",
            Ty::IntList | Ty::StrList | Ty::Any => "array",
        }
    }

    pub(super) fn openapi(self) -> Value {
        match self {
            Ty::Int => json!({"type": "integer", "nullable": true}),
            Ty::Str => json!({"type": "string", "nullable": true}),
            Ty::DateTime => json!({"type": "string", "format": "date-time", "nullable": true}),
            Ty::Bool => json!({"type": "boolean", "nullable": true}),
            Ty::IntList => json!({"type": "array", "items": {"type": "integer"}}),
            Ty::StrList => json!({"type": "array", "items": {"type": "string"}}),
            Ty::Any => json!({}),
        }
    }
}

/// Where a field may appear.
#[derive(Debug, Clone, Copy)]
pub(super) struct Field {
    pub(super) name: &'static str,
    pub(super) ty: Ty,
    /// In the answer of `tasks.task.get` without `select` (the page's example).
    pub(super) basic: bool,
    /// Writable by `tasks.task.add`.
    pub(super) add: bool,
    /// Writable by `tasks.task.update`.
    pub(super) update: bool,
}

pub(super) const fn f(name: &'static str, ty: Ty, basic: bool, add: bool, update: bool) -> Field {
    Field {
        name,
        ty,
        basic,
        add,
        update,
    }
}

/// The task's own fields in the order of the Task object table, which is the
/// order of the answers. `stageId` is left out: the REST 3.0 overview uses it
/// as its example of an unknown own field.
pub(super) const FIELDS: &[Field] = &[
    f("id", Ty::Int, true, false, false),
    f("title", Ty::Str, true, true, true),
    f("description", Ty::Str, true, true, true),
    f("creatorId", Ty::Int, false, true, false),
    f("created", Ty::DateTime, false, false, false),
    f("responsibleId", Ty::Int, false, true, true),
    f("deadline", Ty::DateTime, true, true, true),
    f("needsControl", Ty::Bool, true, true, true),
    f("startPlan", Ty::DateTime, true, true, true),
    f("endPlan", Ty::DateTime, true, true, true),
    f("fileIds", Ty::Any, true, false, false),
    f("checklist", Ty::IntList, true, false, false),
    f("groupId", Ty::Int, false, true, true),
    f("epicId", Ty::Int, true, false, false),
    f("storyPoints", Ty::Int, true, false, false),
    f("flowId", Ty::Int, false, true, true),
    f("priority", Ty::Str, true, true, true),
    f("status", Ty::Str, true, true, true),
    f("statusChanged", Ty::DateTime, true, false, false),
    f("accomplices", Ty::IntList, false, true, true),
    f("auditors", Ty::IntList, false, true, true),
    f("parentId", Ty::Int, true, true, true),
    f("containsChecklist", Ty::Bool, true, false, false),
    f("containsSubTasks", Ty::Bool, true, false, false),
    f("containsRelatedTasks", Ty::Bool, true, false, false),
    f("containsGanttLinks", Ty::Bool, true, false, false),
    f("containsPlacements", Ty::Bool, true, false, false),
    f("containsResults", Ty::Bool, true, false, false),
    f("numberOfReminders", Ty::Int, true, false, false),
    f("chatId", Ty::Int, true, false, false),
    f("plannedDuration", Ty::Int, true, false, false),
    f("actualDuration", Ty::Int, true, false, false),
    f("durationType", Ty::Str, true, true, true),
    f("started", Ty::DateTime, true, false, false),
    f("estimatedTime", Ty::Int, true, true, true),
    f("replicate", Ty::Bool, true, false, false),
    f("changed", Ty::DateTime, true, false, false),
    f("changedById", Ty::Int, false, false, false),
    f("statusChangedById", Ty::Int, false, false, false),
    f("closedById", Ty::Int, false, false, false),
    f("closed", Ty::DateTime, true, false, false),
    f("activity", Ty::DateTime, true, false, false),
    f("guid", Ty::Str, true, false, false),
    f("xmlId", Ty::Str, true, true, true),
    f("exchangeId", Ty::Str, true, false, false),
    f("exchangeModified", Ty::Str, true, false, false),
    f("outlookVersion", Ty::Int, true, false, false),
    f("mark", Ty::Str, true, false, false),
    f("allowsChangeDeadline", Ty::Bool, true, true, true),
    f("allowsTimeTracking", Ty::Bool, true, true, true),
    f("matchesWorkTime", Ty::Bool, true, true, true),
    f("addInReport", Ty::Bool, true, false, false),
    f("isMultitask", Ty::Bool, true, false, false),
    f("siteId", Ty::Str, true, false, false),
    f("forkedByTemplateId", Ty::Int, false, false, false),
    f("deadlineCount", Ty::Int, true, false, false),
    f("declineReason", Ty::Str, true, false, false),
    f("forumTopicId", Ty::Int, true, false, false),
    f("link", Ty::Str, true, false, false),
    f("rights", Ty::Any, true, false, false),
    f("archiveLink", Ty::Str, true, false, false),
    f("crmItemIds", Ty::StrList, true, true, true),
    f("emailId", Ty::Int, false, false, false),
    f("requireResult", Ty::Bool, true, true, true),
    f("matchesSubTasksTime", Ty::Bool, true, true, true),
    f("autocompleteSubTasks", Ty::Bool, true, true, true),
    f("allowsChangeDatePlan", Ty::Bool, true, true, true),
    f("maxDeadlineChangeDate", Ty::DateTime, true, false, false),
    f("maxDeadlineChanges", Ty::Int, true, false, false),
    f("requireDeadlineChangeReason", Ty::Bool, true, false, false),
    f("inFavorite", Ty::IntList, true, false, false),
    f("inPin", Ty::IntList, true, false, false),
    f("inGroupPin", Ty::IntList, true, false, false),
    f("inMute", Ty::IntList, true, false, false),
    f("dependsOn", Ty::IntList, true, false, false),
    f("scenarios", Ty::StrList, true, false, false),
];

/// Documented values of the enumerated fields.
pub(super) fn allowed_values(field: &str) -> Option<&'static [&'static str]> {
    Some(match field {
        "priority" => &["high", "average", "low"],
        "status" => &[
            "pending",
            "in_progress",
            "supposedly_completed",
            "completed",
            "deferred",
            "declined",
        ],
        "durationType" => &["secs", "mins", "hours", "days", "weeks", "monts", "years"],
        _ => return None,
    })
}

/// Fields `tasks.task.list` sorts by (its page).
pub(super) const SORTABLE: &[&str] = &[
    "id",
    "title",
    "creatorId",
    "created",
    "responsibleId",
    "deadline",
    "startPlan",
    "endPlan",
    "groupId",
    "priority",
    "status",
    "started",
    "estimatedTime",
    "changed",
    "closed",
    "activity",
    "mark",
    "allowsChangeDeadline",
    "allowsTimeTracking",
];

/// Fields `tasks.task.list` filters by: "filtering by the `id` field is
/// supported for tasks".
pub(super) const FILTERABLE: &[&str] = &["id"];

/// The related objects (`fields-rest-v3.md`), by the name the error
/// messages give them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Dto {
    Task,
    User,
    File,
    Group,
    Stage,
    Flow,
    Chat,
    Template,
    Email,
    ElapsedTime,
    Source,
}

impl Dto {
    pub(super) fn name(self) -> &'static str {
        match self {
            Dto::Task => "TaskDto",
            Dto::User => "UserDto",
            Dto::File => "FileDto",
            Dto::Group => "GroupDto",
            Dto::Stage => "StageDto",
            Dto::Flow => "FlowDto",
            Dto::Chat => "ChatDto",
            Dto::Template => "TemplateDto",
            Dto::Email => "EmailDto",
            Dto::ElapsedTime => "ElapsedTimeDto",
            Dto::Source => "SourceDto",
        }
    }

    /// Plain fields of a related object (the task's are [`FIELDS`]).
    pub(super) fn plain(self) -> &'static [&'static str] {
        match self {
            Dto::Task => &[],
            Dto::User => &[
                "id",
                "name",
                "role",
                "gender",
                "email",
                "externalAuthId",
                "rights",
            ],
            Dto::File => &[
                "id",
                "src",
                "name",
                "width",
                "height",
                "size",
                "subDir",
                "contentType",
                "file",
            ],
            Dto::Group => &["id", "name", "type", "isVisible"],
            Dto::Stage => &["id", "title", "color"],
            Dto::Flow => &["id", "name"],
            Dto::Chat => &["id", "entityId", "entityType"],
            Dto::Template => &[
                "id",
                "title",
                "description",
                "responsibleCollection",
                "deadlineAfterTs",
                "startDatePlanTs",
                "endDatePlanTs",
                "replicate",
                "checklist",
                "priority",
                "accomplices",
                "auditors",
                "replicateParams",
            ],
            Dto::Email => &[
                "id",
                "taskId",
                "mailboxId",
                "title",
                "body",
                "from",
                "dateTs",
                "link",
            ],
            Dto::ElapsedTime => &[
                "id",
                "userId",
                "taskId",
                "minutes",
                "seconds",
                "source",
                "text",
                "createdAtTs",
                "startTs",
                "stopTs",
            ],
            Dto::Source => &["type", "data"],
        }
    }

    /// A relation: (field, the object's type, the own field holding its ID
    /// or IDs). `None` for the key: the emulator holds no such records.
    pub(super) fn relation(self, field: &str) -> Option<(Dto, Option<&'static str>)> {
        Some(match (self, field) {
            (Dto::Task, "creator") => (Dto::User, Some("creatorId")),
            (Dto::Task, "responsible") => (Dto::User, Some("responsibleId")),
            (Dto::Task, "changedBy") => (Dto::User, Some("changedById")),
            (Dto::Task, "statusChangedBy") => (Dto::User, Some("statusChangedById")),
            (Dto::Task, "closedBy") => (Dto::User, Some("closedById")),
            (Dto::Task, "accomplices") => (Dto::User, Some("accomplices")),
            (Dto::Task, "auditors") => (Dto::User, Some("auditors")),
            (Dto::Task, "parent") => (Dto::Task, Some("parentId")),
            (Dto::Task, "chat") => (Dto::Chat, Some("chatId")),
            (Dto::Task, "group") => (Dto::Group, Some("groupId")),
            (Dto::Task, "flow") => (Dto::Flow, Some("flowId")),
            (Dto::Task, "forkedByTemplate") => (Dto::Template, Some("forkedByTemplateId")),
            (Dto::Task, "email") => (Dto::Email, Some("emailId")),
            (Dto::Task, "elapsedTime") => (Dto::ElapsedTime, None),
            (Dto::Task, "source") => (Dto::Source, None),
            (Dto::User | Dto::Group, "image") => (Dto::File, None),
            (Dto::Template, "task") => (Dto::Task, None),
            (Dto::Template, "creator") => (Dto::User, None),
            (Dto::Template, "group") => (Dto::Group, None),
            (Dto::Template, "parent") => (Dto::Template, None),
            _ => return None,
        })
    }

    pub(super) fn has_plain(self, field: &str) -> bool {
        match self {
            Dto::Task => own(field).is_some(),
            d => d.plain().contains(&field),
        }
    }
}

pub(super) fn own(name: &str) -> Option<&'static Field> {
    FIELDS.iter().find(|f| f.name == name)
}
