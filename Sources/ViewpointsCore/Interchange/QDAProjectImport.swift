/// What a REFI-QDA project (`project.qde` and its sources) holds, read into Viewpoints' terms: participants from
/// Cases (or sources), statements from the text sources' paragraphs, each coder's codings of the statements their
/// selections overlap, and what was skipped and why.
public struct QDAProjectImport: Sendable {
    /// A participant: a Case (or a source without one) with its variables as attributes.
    public struct Participant: Sendable, Equatable {
        public var name: String
        public var attributes: [String: String]
        /// The line of its `Case` element (of the first statement's source, for a source without a Case).
        public var line = 1
    }

    /// A statement: one paragraph of a text source (one selection, for a project Viewpoints wrote).
    public struct Statement: Sendable, Equatable {
        public var participant: String
        public var source: String
        public var text: String
        /// The line of the source's element in `project.qde`.
        public var line: Int
        /// The statement's id in a project Viewpoints wrote (its selection's name), so a round trip keeps it.
        public var id: String? = nil
        /// Its source's GUID's first 8 hex digits (`n2`, the source's place, without a GUID).
        public var sourceKey = ""
    }

    /// A coder's decision: a code with a stance on a statement.
    public struct Coding: Sendable, Equatable {
        public var statement: Int
        public var coder: String
        public var key: String
        public var stance: Int
        /// The line of the selection in `project.qde`.
        public var line = 1
    }

    /// A lead's decision from a Viewpoints project: applied with a stance, or (nil) absent.
    public struct Adjudication: Sendable, Equatable {
        public var statement: Int
        public var lead: String
        public var key: String
        public var stance: Int?
        /// The line of the selection in `project.qde`.
        public var line = 1
    }

    public var codebook: QDACodebookReader.Result?
    /// Whether Viewpoints wrote the project (its Cases are pseudonyms, its selections statements).
    public var fromViewpoints = false
    /// Text selections read, in every text source.
    public var selections = 0
    public var coders: [String] = []
    public var participants: [Participant] = []
    public var statements: [Statement] = []
    public var codings: [Coding] = []
    /// Statements each coder went through (every coding's, and a Viewpoints project's "reviewed, nothing applied").
    public var reviews: [(statement: Int, coder: String)] = []
    public var adjudications: [Adjudication] = []
    /// The unit each text source's positions were found to count, by source name.
    public var units: [(source: String, unit: QDAText.Unit)] = []
    /// What was left out, by reason (a PDF source, a missing file, a coding on a theme …).
    public var skipped: [String: Int] = [:]
    public var warnings: [ImportProblem] = []

    /// Selections per coder and codings per coder, for the dry-run summary.
    public var codingsPerCoder: [String: Int] {
        Dictionary(grouping: codings, by: \.coder).mapValues(\.count)
    }
}
