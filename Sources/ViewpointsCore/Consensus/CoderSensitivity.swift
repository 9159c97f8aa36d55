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
