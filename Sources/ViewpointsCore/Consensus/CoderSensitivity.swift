/// Coder sensitivity: the phrase and class as if one coder's decisions were final wherever that coder reviewed a
/// statement (the final coding elsewhere).
public struct CoderVersion: Sendable, Equatable {
    public var coder: String
    /// The counts under this coder's decisions.
    public var tally: ConsensusTally
    public var phrase: ConsensusPhrase.Key
    public var consensusClass: ConsensusClass

    public init(coder: String, tally: ConsensusTally, thresholds: ConsensusThresholds) {
        self.coder = coder
        self.tally = tally
        phrase = ConsensusPhrase.key(tally, thresholds)
        consensusClass = ConsensusClass(tally, thresholds)
    }

    /// A participant whose stance differs under a coder's decisions: the participant stance (−2 … 2) from the final
    /// coding and from the coder's version, nil when not addressed.
    public struct Change: Sendable, Equatable {
        public var final: Int?
        public var version: Int?

        public init(final: Int?, version: Int?) {
            self.final = final
            self.version = version
        }
    }

    /// The version of `tally` in which each changed participant moves from their final stance to the coder's.
    public init(
        coder: String, reported tally: ConsensusTally, changes: [Change], thresholds: ConsensusThresholds
    ) {
        var stances = tally.stances
        for change in changes {
            if let from = change.final { stances[from + 2] -= 1 }
            if let to = change.version { stances[to + 2] += 1 }
        }
        self.init(
            coder: coder,
            tally: ConsensusTally(
                participants: tally.participants, stances: stances.map { max(0, $0) },
                participantsUnresolved: tally.participantsUnresolved),
            thresholds: thresholds)
    }
}

/// The participant stances each coder's decisions would give, by the final-coding rule of METHODS.md.
public enum CoderSensitivity {
    /// One statement's decisions on one proposition: each reviewing coder whose review covers it (their stance, or
    /// nil for reviewed without applying) and the lead's adjudication, if any.
    public struct Decisions: Sendable, Equatable {
        public var reviewers: [(coder: String, stance: Stance?)]
        public var adjudication: FinalCoding.Adjudication?

        public init(reviewers: [(coder: String, stance: Stance?)], adjudication: FinalCoding.Adjudication?) {
            self.reviewers = reviewers
            self.adjudication = adjudication
        }

        public static func == (a: Decisions, b: Decisions) -> Bool {
            a.adjudication == b.adjudication && a.reviewers.map(\.coder) == b.reviewers.map(\.coder)
                && a.reviewers.map(\.stance) == b.reviewers.map(\.stance)
        }
    }

    /// For one participant and proposition, from the decisions on each of their statements: the coders whose
    /// version gives another participant stance, with the final one and theirs (nil: not addressed). A coder's
    /// version takes that coder's decision on every statement they reviewed for it and the final decision
    /// (`FinalCoding.decide`: unresolved counts as not applied) elsewhere; the stance is the mean rounded half
    /// away from zero (`ParticipantStance.rounded`).
    public static func changes(_ statements: [Decisions]) -> [String: CoderVersion.Change] {
        var finalSum = 0
        var finalCount = 0
        var shift: [String: (sum: Int, count: Int)] = [:]
        for statement in statements {
            var final: Int?
            if case .decided(let stance?, _) = FinalCoding.decide(
                reviewers: statement.reviewers.map(\.stance), adjudication: statement.adjudication)
            {
                final = stance.value
            }
            if let final {
                finalSum += final
                finalCount += 1
            }
            for reviewer in statement.reviewers where reviewer.stance?.value != final {
                var change = shift[reviewer.coder] ?? (0, 0)
                change.sum += (reviewer.stance?.value ?? 0) - (final ?? 0)
                change.count += (reviewer.stance == nil ? 0 : 1) - (final == nil ? 0 : 1)
                shift[reviewer.coder] = change
            }
        }
        let reported = finalCount > 0 ? ParticipantStance.rounded(sum: finalSum, count: finalCount) : nil
        var result: [String: CoderVersion.Change] = [:]
        for (coder, change) in shift {
            let count = finalCount + change.count
            let version = count > 0 ? ParticipantStance.rounded(sum: finalSum + change.sum, count: count) : nil
            if version != reported { result[coder] = .init(final: reported, version: version) }
        }
        return result
    }
}
