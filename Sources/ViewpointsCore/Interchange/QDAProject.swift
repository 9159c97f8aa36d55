/// A Viewpoints study as a REFI-QDA project: what `export project --format qdpx` writes.
public struct QDAProject: Sendable, Equatable {
    /// A participant: a Case named by pseudonym, with attributes as text variables.
    public struct Participant: Sendable, Equatable {
        public var pseudonym: String
        public var attributes: [String: String]

        public init(pseudonym: String, attributes: [String: String]) {
            self.pseudonym = pseudonym
            self.attributes = attributes
        }
    }

    /// One coder's decision on a statement: a code with a stance, or (code nil) reviewed with nothing applied.
    public struct Decision: Sendable, Equatable {
        public var coder: String
        public var code: String?
        public var stance: Int?

        public init(coder: String, code: String?, stance: Int?) {
            self.coder = coder
            self.code = code
            self.stance = stance
        }
    }

    /// A lead's decision on a statement and code: applied with a stance, or (stance nil) absent.
    public struct Adjudication: Sendable, Equatable {
        public var lead: String
        public var code: String
        public var stance: Int?

        public init(lead: String, code: String, stance: Int?) {
            self.lead = lead
            self.code = code
            self.stance = stance
        }
    }

    /// A statement, in its participant's order, with every decision about it.
    public struct Statement: Sendable, Equatable {
        public var reference: String
        public var pseudonym: String
        public var question: String
        public var source: String
        public var text: String
        public var decisions: [Decision] = []
        public var adjudications: [Adjudication] = []

        public init(reference: String, pseudonym: String, question: String, source: String, text: String) {
            self.reference = reference
            self.pseudonym = pseudonym
            self.question = question
            self.source = source
            self.text = text
        }
    }

    public var slug: String
    public var title: String
    public var codes: [QDACodebookWriter.Code]
    public var coders: [String]
    public var participants: [Participant]
    /// Statements ordered by participant and seq.
    public var statements: [Statement]

    public init(
        slug: String, title: String, codes: [QDACodebookWriter.Code], coders: [String], participants: [Participant],
        statements: [Statement]
    ) {
        self.slug = slug
        self.title = title
        self.codes = codes
        self.coders = coders
        self.participants = participants
        self.statements = statements
    }

    /// Statements are separated by this in a participant's text source (one paragraph each).
    public static let separator = "\n\n"
}
