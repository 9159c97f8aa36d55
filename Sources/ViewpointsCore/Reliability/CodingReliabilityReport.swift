/// Units of `viewpoints reliability`: statements, or each coder's participant positions.
public enum ReliabilityUnit: String, Sendable, Hashable, CaseIterable {
    /// A unit is a statement and proposition.
    case statement
    /// A unit is a participant and proposition; values are each coder's participant stance.
    case participant
}

/// How figures are grouped: one group per proposition, or units of a theme's propositions pooled.
public enum ReliabilityGrouping: String, Sendable, Hashable, CaseIterable {
    /// One group per proposition.
    case proposition
    /// One group per theme, pooling its propositions.
    case theme
}

/// Presence and stance figures over one group of units.
public struct ReliabilityGroup: Sendable, Equatable {
    /// What the group pools.
    public enum Scope: String, Sendable, Hashable {
        /// One proposition.
        case proposition
        /// The propositions of one theme.
        case theme
        /// Every proposition chosen.
        case all
    }

    /// What the group pools.
    public var scope: Scope
    /// The proposition or theme key; `all` for the pool of everything.
    public var key: String
    /// Presence (applied or not): nominal α, Cohen's κ (two coders) or Fleiss' κ (more), percent agreement.
    public var presence: [ReliabilityFigure]
    /// Stance where at least two coders applied the proposition: ordinal α, linearly weighted κ.
    public var stance: [ReliabilityFigure]
    /// Presence α against Krippendorff's thresholds.
    public var status: ReliabilityStatus

    /// Creates a group.
    public init(
        scope: Scope, key: String, presence: [ReliabilityFigure], stance: [ReliabilityFigure],
        status: ReliabilityStatus
    ) {
        self.scope = scope
        self.key = key
        self.presence = presence
        self.stance = stance
        self.status = status
    }

    /// The presence α figure.
    public var presenceAlpha: ReliabilityFigure { presence[0] }
}

/// What `viewpoints reliability` reports.
public struct CodingReliabilityReport: Sendable, Equatable {
    /// Statement or participant units.
    public var unit: ReliabilityUnit
    /// The coders compared, in order.
    public var coders: [String]
    /// Statements reviewed by at least two of the coders.
    public var statements: Int
    /// One group per proposition or theme, in codebook order, then the pool of all (scope `all`).
    public var groups: [ReliabilityGroup]

    /// Creates a report.
    public init(unit: ReliabilityUnit, coders: [String], statements: Int, groups: [ReliabilityGroup]) {
        self.unit = unit
        self.coders = coders
        self.statements = statements
        self.groups = groups
    }
}
