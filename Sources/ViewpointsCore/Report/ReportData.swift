/// Everything a findings report says, as values: the study's facts, the computed consensus, reliability,
/// disagreements and quotes. Store supplies them; `FindingsReport` renders them without I/O.
public struct ReportData: Sendable, Equatable {
    /// Who the report is for: a lead (or owner) sees everything, an analyst suppressed tallies only.
    public enum Audience: String, Sendable, Equatable {
        case lead, analyst
    }

    public var facts: ReportFacts
    public var audience: Audience
    /// The study's consensus rows, themes and propositions, in codebook order.
    public var rows: [ConsensusRow]
    /// With `--by`: the same rows per group, suppression already applied.
    public var groupRows: [ConsensusRow]
    /// Statement–proposition pairs that are unresolved (excluded from every count).
    public var unresolvedPairs: Int
    /// Reliability per theme and pooled (nil: not visible to this audience).
    public var reliability: CodingReliabilityReport?
    /// Open and stale disagreements (nil: not visible to this audience).
    public var disagreements: [ReportDisagreement]?
    /// Exemplar statements per proposition key, already chosen (see `QuoteSelection`).
    public var quotes: [String: [ReportQuote]]

    public init(
        facts: ReportFacts, audience: Audience, rows: [ConsensusRow], groupRows: [ConsensusRow] = [],
        unresolvedPairs: Int, reliability: CodingReliabilityReport?, disagreements: [ReportDisagreement]?,
        quotes: [String: [ReportQuote]]
    ) {
        self.facts = facts
        self.audience = audience
        self.rows = rows
        self.groupRows = groupRows
        self.unresolvedPairs = unresolvedPairs
        self.reliability = reliability
        self.disagreements = disagreements
        self.quotes = quotes
    }
}

/// The panel and the database state a report was made from.
public struct ReportFacts: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var participants: Int
    public var statements: Int
    /// Statements reviewed by at least one coder.
    public var reviewed: Int
    /// Coders with at least one review (nil: not visible to this audience).
    public var coders: Int?
    /// The first and last value of the interview-period attribute, when participants have one.
    public var period: ReportPeriod?
    public var toolVersion: String
    public var schemaVersion: Int
    /// The audit chain's head (nil: not visible to this audience).
    public var auditHead: ReportAuditHead?
    /// `--date`: printed as given; without it the report carries no date, so it is byte-identical.
    public var date: String?

    public init(
        slug: String, title: String, participants: Int, statements: Int, reviewed: Int, coders: Int?,
        period: ReportPeriod?, toolVersion: String, schemaVersion: Int, auditHead: ReportAuditHead?,
        date: String? = nil
    ) {
        self.slug = slug
        self.title = title
        self.participants = participants
        self.statements = statements
        self.reviewed = reviewed
        self.coders = coders
        self.period = period
        self.toolVersion = toolVersion
        self.schemaVersion = schemaVersion
        self.auditHead = auditHead
        self.date = date
    }
}

/// The interview period: the smallest and largest value of an attribute such as `interview_month`.
public struct ReportPeriod: Sendable, Equatable {
    public var attribute: String
    public var first: String
    public var last: String

    public init(attribute: String, first: String, last: String) {
        self.attribute = attribute
        self.first = first
        self.last = last
    }
}

/// The audit chain's head: how many coding events, and the last event's hash (hex).
public struct ReportAuditHead: Sendable, Equatable {
    public var events: Int
    public var hash: String

    public init(events: Int, hash: String) {
        self.events = events
        self.hash = hash
    }
}

/// An open or stale disagreement, for the appendix.
public struct ReportDisagreement: Sendable, Equatable {
    public var statement: String
    public var code: String
    /// `open` or `stale`.
    public var status: String

    public init(statement: String, code: String, status: String) {
        self.statement = statement
        self.code = code
        self.status = status
    }
}

/// A candidate or chosen exemplar statement for a proposition.
public struct ReportQuote: Sendable, Equatable {
    public var code: String
    /// The statement reference (the researcher's id, or `P07:3`).
    public var statement: String
    public var pseudonym: String
    /// The participant's number, for a stable order.
    public var participantNumber: Int
    /// The statement's final stance on the proposition.
    public var stance: Int
    /// As stored: pseudonymized and redacted on import.
    public var text: String
    /// The attributes chosen for attribution, in the order asked for (missing ones left out).
    public var attributes: [String]

    public init(
        code: String, statement: String, pseudonym: String, participantNumber: Int, stance: Int, text: String,
        attributes: [String] = []
    ) {
        self.code = code
        self.statement = statement
        self.pseudonym = pseudonym
        self.participantNumber = participantNumber
        self.stance = stance
        self.text = text
        self.attributes = attributes
    }

    /// `P17, former, civil_servant`.
    public var attribution: String { ([pseudonym] + attributes).joined(separator: ", ") }
}
