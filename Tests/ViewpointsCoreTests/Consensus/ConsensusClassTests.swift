import Testing
import ViewpointsCore

/// (N, support, neutral, oppose) → class, with min-addressed 3 and strong 0.75 unless said otherwise.
@Suite struct ConsensusClassTests {
    static func tally(_ big: Int, _ k: Int, _ neutral: Int, _ o: Int) -> ConsensusTally {
        ConsensusTally(participants: big, support: k, neutral: neutral, oppose: o)
    }

    @Test(arguments: [
        // n < min-addressed, n = 2 and 3
        (60, 2, 0, 0, "insufficient"), (60, 0, 0, 0, "insufficient"), (4, 2, 0, 0, "insufficient"),
        (6, 3, 0, 0, "unanimous-support"),
        // unanimity needs 2n ≥ N: exactly half the panel, and one short of it
        (10, 5, 0, 0, "unanimous-support"), (11, 5, 0, 0, "strong-support"), (10, 0, 0, 5, "unanimous-oppose"),
        (11, 0, 0, 5, "strong-oppose"),
        // exactly 75% is strong; just under is a majority
        (60, 3, 1, 0, "strong-support"), (60, 39, 5, 6, "strong-support"), (60, 74, 26, 0, "majority-support"),
        (60, 0, 1, 3, "strong-oppose"), (60, 1, 2, 9, "strong-oppose"),
        // exactly 50% is no majority
        (60, 2, 1, 1, "divided"), (60, 3, 0, 3, "divided"), (60, 5, 1, 3, "majority-support"),
        (60, 3, 1, 5, "majority-oppose"), (60, 2, 0, 2, "divided"),
        // neutral
        (60, 1, 3, 1, "mostly-neutral"), (60, 1, 2, 1, "divided"), (60, 0, 3, 0, "mostly-neutral"),
    ])
    func classifies(_ big: Int, _ k: Int, _ neutral: Int, _ o: Int, _ expected: String) {
        #expect(ConsensusClass(ConsensusClassTests.tally(big, k, neutral, o)).rawValue == expected)
    }

    @Test func thresholdsAreOptions() {
        let tally = ConsensusClassTests.tally(60, 7, 1, 2)
        #expect(ConsensusClass(tally, .init(minAddressed: 3, strong: 0.7)) == .strongSupport)
        #expect(ConsensusClass(tally, .init(minAddressed: 3, strong: 0.75)) == .majoritySupport)
        #expect(ConsensusClass(tally, .init(minAddressed: 11, strong: 0.75)) == .insufficient)
    }
}

@Suite struct ConsensusPhraseTests {
    @Test(arguments: [
        (60, 39, 5, 6, "Most participants agreed (39 of 60; 39 of 50 who addressed it)"),
        (60, 22, 5, 4, "Many participants agreed (22 of 60; 22 of 31 who addressed it)"),
        (60, 44, 0, 0, "All participants who addressed it agreed (44 of 60)"),
        // too few: n = 2; n = 3 is enough
        (60, 2, 0, 0, "Too few participants addressed it (2 of 60)"),
        (6, 3, 0, 0, "All participants who addressed it agreed (3 of 6)"),
        // all needs 2n ≥ N; otherwise the quantifier is of the panel
        (60, 30, 0, 0, "All participants who addressed it agreed (30 of 60)"),
        (60, 29, 0, 0, "Many participants agreed (29 of 60; 29 of 29 who addressed it)"),
        // most: 2m > N; 2m = N is not most
        (60, 31, 5, 5, "Most participants agreed (31 of 60; 31 of 41 who addressed it)"),
        (60, 30, 5, 5, "Many participants agreed (30 of 60; 30 of 40 who addressed it)"),
        // many: 10m ≥ 3N
        (60, 18, 5, 5, "Many participants agreed (18 of 60; 18 of 28 who addressed it)"),
        (60, 17, 5, 5, "Some participants agreed (17 of 60; 17 of 27 who addressed it)"),
        // some: 10m ≥ N
        (60, 6, 1, 0, "Some participants agreed (6 of 60; 6 of 7 who addressed it)"),
        (60, 5, 1, 0, "A few participants agreed (5 of 60; 5 of 6 who addressed it)"),
        (60, 2, 0, 1, "A few participants agreed (2 of 60; 2 of 3 who addressed it)"),
        // divided and mostly neutral name every side: a phrase never reads as one-sided
        (60, 6, 5, 5, "Divided: 6 agreed, 5 disagreed, 5 neutral (16 of 60 addressed it)"),
        (17, 3, 2, 3, "Divided: 3 agreed, 3 disagreed, 2 neutral (8 of 17 addressed it)"),
        (60, 4, 0, 4, "Divided: 4 agreed, 4 disagreed, 0 neutral (8 of 60 addressed it)"),
        (60, 2, 5, 1, "Mostly neutral: 5 neutral, 2 agreed, 1 disagreed (8 of 60 addressed it)"),
        (60, 0, 5, 0, "Mostly neutral: 5 neutral, 0 agreed, 0 disagreed (5 of 60 addressed it)"),
        // the opposing side when it is larger; a tie goes to support
        (20, 2, 0, 8, "Many participants disagreed (8 of 20; 8 of 10 who addressed it)"),
        (20, 0, 0, 11, "All participants who addressed it disagreed (11 of 20)"),
        (60, 1, 0, 2, "A few participants disagreed (2 of 60; 2 of 3 who addressed it)"),
    ])
    func words(_ big: Int, _ k: Int, _ neutral: Int, _ o: Int, _ expected: String) {
        #expect(
            ConsensusPhrase.text(ConsensusTally(participants: big, support: k, neutral: neutral, oppose: o)) == expected
        )
    }

    @Test func oneParticipantWhenFewerAreEnough() {
        let one = ConsensusTally(participants: 60, support: 1, neutral: 0, oppose: 0)
        #expect(
            ConsensusPhrase.text(one, ConsensusThresholds(minAddressed: 1))
                == "One participant agreed (1 of 60; 1 of 1 who addressed it)")
    }

    /// Whenever the class is divided or mostly neutral, the phrase gives every side's count.
    @Test func dividedPhrasesNameEverySide() {
        for big in 3...12 {
            for k in 0...big {
                for o in 0...(big - k) {
                    for neutral in 0...(big - k - o) {
                        let tally = ConsensusTally(participants: big, support: k, neutral: neutral, oppose: o)
                        let phrase = ConsensusPhrase.text(tally)
                        switch ConsensusClass(tally) {
                        case .divided, .mostlyNeutral:
                            #expect(
                                phrase.contains("\(k) agreed") && phrase.contains("\(o) disagreed")
                                    && phrase.contains("\(neutral) neutral"), "\(phrase)")
                        default:
                            #expect(!phrase.hasPrefix("Divided") && !phrase.hasPrefix("Mostly neutral"), "\(phrase)")
                        }
                    }
                }
            }
        }
    }
}
