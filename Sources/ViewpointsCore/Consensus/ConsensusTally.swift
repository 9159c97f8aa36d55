/// The participants of a population (the study, a group or a `--where` population) and their stances on one
/// proposition: the counts every consensus figure is computed from.
public struct ConsensusTally: Sendable, Equatable {
    /// N: participants in the population.
    public var participants: Int
    /// Participants with a rounded stance of −2, −1, 0, 1, 2 (index 0 is −2); their sum is n.
    public var stances: [Int]
    /// Participants with an unresolved statement on the proposition.
    public var participantsUnresolved: Int

    public init(participants: Int, stances: [Int], participantsUnresolved: Int = 0) {
        precondition(stances.count == 5, "stances holds the counts of −2 … 2")
        self.participants = participants
        self.stances = stances
        self.participantsUnresolved = participantsUnresolved
    }

    /// A tally from the counts of each position alone (the distribution within a side does not matter to
    /// class and phrase; Cns treats support as +1 and oppose as −1).
    public init(participants: Int, support: Int, neutral: Int, oppose: Int, participantsUnresolved: Int = 0) {
        self.init(
            participants: participants, stances: [0, oppose, neutral, support, 0],
            participantsUnresolved: participantsUnresolved)
    }

    /// n: participants who addressed the proposition.
    public var addressed: Int { stances.reduce(0, +) }
    /// k: participants whose stance is support.
    public var support: Int { stances[3] + stances[4] }
    public var neutral: Int { stances[2] }
    public var oppose: Int { stances[0] + stances[1] }

    /// support / n, nil when nobody addressed it.
    public var shareSupport: Double? { addressed == 0 ? nil : Double(support) / Double(addressed) }
    /// oppose / n, nil when nobody addressed it.
    public var shareOppose: Double? { addressed == 0 ? nil : Double(oppose) / Double(addressed) }
    /// The 95% Wilson interval of `shareSupport`.
    public var wilson: WilsonInterval? { WilsonInterval(successes: support, trials: addressed) }
    /// Tastle–Wierman consensus of the participant stances.
    public var cns: Double? { TastleWierman.cns(counts: stances) }
}
