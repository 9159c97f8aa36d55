/// One coder's decision on one statement and proposition, as reliability reads it from the coding store:
/// the proposition applied with a stance, or (stance nil) reviewed by a review that covers it, not applied.
public struct CodingDecision: Sendable, Equatable {
    /// The statement reference (`S0001`, `P07:3`).
    public var statement: String
    /// The pseudonym of the statement's participant.
    public var participant: String
    /// The theme key of the proposition.
    public var theme: String
    /// The proposition key.
    public var proposition: String
    /// The coder's name.
    public var coder: String
    /// The stance −2…2 when applied, nil when reviewed and not applied.
    public var stance: Int?

    /// Creates a decision.
    public init(statement: String, participant: String, theme: String, proposition: String, coder: String, stance: Int?)
    {
        self.statement = statement
        self.participant = participant
        self.theme = theme
        self.proposition = proposition
        self.coder = coder
        self.stance = stance
    }
}
