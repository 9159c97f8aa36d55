/// The final coding rule of METHODS.md, as a pure function (the `final_decisions` view is its SQL twin).
///
/// For a statement and a code: the adjudication if there is one; else the decision of the only coder who
/// reviewed the statement; else the decision all reviewing coders agree on (all applied the code with the
/// same stance, or none did); else unresolved. No reviewer: uncoded. There is no majority vote.
public enum FinalCoding {
    /// Why a final decision is what it is.
    public enum Basis: String, Sendable, Equatable, CaseIterable {
        case adjudicated, single, agreed
    }

    /// The outcome for one statement and code.
    public enum Decision: Sendable, Equatable {
        /// Nobody reviewed the statement (or nobody's review covers the code).
        case uncoded
        /// Reviewers differ and no adjudication settles it: excluded from consensus, and counted.
        case unresolved
        /// Decided: applied with a stance, or absent (nil).
        case decided(Stance?, Basis)
    }

    /// A lead's decision: applied with a stance, or absent (nil).
    public struct Adjudication: Sendable, Equatable {
        public var stance: Stance?
        public init(stance: Stance?) { self.stance = stance }
    }

    /// Decides from each reviewing coder's decision (the stance applied, or nil for reviewed, not applied).
    public static func decide(reviewers: [Stance?], adjudication: Adjudication?) -> Decision {
        if let adjudication { return .decided(adjudication.stance, .adjudicated) }
        guard let first = reviewers.first else { return .uncoded }
        if reviewers.count == 1 { return .decided(first, .single) }
        return reviewers.allSatisfy({ $0 == first }) ? .decided(first, .agreed) : .unresolved
    }
}
