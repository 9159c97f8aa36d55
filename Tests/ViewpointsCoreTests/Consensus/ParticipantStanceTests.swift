import Foundation
import Testing
import ViewpointsCore

@Suite struct ParticipantStanceTests {
    @Test(arguments: [
        ([1, 0], 1), ([-1, 0], -1), ([1, 2], 2), ([-1, -2], -2), ([2, -1], 1), ([-2, 1], -1), ([1, -1], 0),
        ([1, 0, 0], 0), ([2, 1, 1, 1], 1), ([2, 2, 1, 1], 2), ([-2, -2, -1, -1], -2), ([0], 0), ([-2], -2),
    ])
    func roundsTheMeanHalfAwayFromZero(_ stances: [Int], _ expected: Int) {
        #expect(ParticipantStance.rounded(stances) == expected)
    }

    /// Every list of up to four stances against Foundation's decimal rounding of the exact mean.
    @Test func agreesWithDecimalRoundingOnEveryShortList() {
        var lists: [[Int]] = [[]]
        for _ in 1...4 {
            lists = lists.flatMap { list in (-2...2).map { list + [$0] } }
            for list in lists {
                var mean = Decimal(list.reduce(0, +)) / Decimal(list.count)
                var rounded = Decimal()
                NSDecimalRound(&rounded, &mean, 0, .plain)  // .plain: half away from zero
                #expect(ParticipantStance.rounded(list) == NSDecimalNumber(decimal: rounded).intValue, "\(list)")
            }
        }
    }

    @Test func hasNoStanceWithoutStatements() {
        #expect(ParticipantStance.rounded([]) == nil)
    }

    @Test(arguments: [(2, "support"), (1, "support"), (0, "neutral"), (-1, "oppose"), (-2, "oppose")])
    func positionIsTheSignOfTheRoundedStance(_ stance: Int, _ position: String) {
        #expect(ParticipantStance.position(stance).rawValue == position)
    }
}
