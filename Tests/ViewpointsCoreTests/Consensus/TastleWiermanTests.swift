import Foundation
import Testing
import ViewpointsCore

@Suite struct TastleWiermanTests {
    @Test(arguments: [[7, 0, 0, 0, 0], [0, 0, 3, 0, 0], [0, 0, 0, 0, 1], [0, 12, 0, 0, 0]])
    func oneCategoryIsOne(_ counts: [Int]) {
        #expect(TastleWierman.cns(counts: counts) == 1)
    }

    @Test(arguments: [[1, 0, 0, 0, 1], [5, 0, 0, 0, 5]])
    func halfAtEachExtremeIsZero(_ counts: [Int]) throws {
        #expect(abs(try #require(TastleWierman.cns(counts: counts))) < 1e-12)
    }

    @Test func nobodyIsUndefined() {
        #expect(TastleWierman.cns(counts: [0, 0, 0, 0, 0]) == nil)
    }

    /// Worked by hand: a uniform spread has μ = 0 and distances 2, 1, 0, 1, 2 on a width of 4:
    /// 1 + (2 log₂ ½ + 2 log₂ ¾ + log₂ 1) / 5 = 1 − (2 + 2 (2 − log₂ 3)) / 5.
    @Test func uniformSpreadByHand() throws {
        let expected = 1 - (2 + 2 * (2 - log2(3.0))) / 5
        #expect(abs(try #require(TastleWierman.cns(counts: [1, 1, 1, 1, 1])) - expected) < 1e-12)
        #expect(String(format: "%.4f", expected) == "0.4340")
    }

    /// Half on +1, half on +2: μ = 1.5, every distance 0.5: 1 + log₂(1 − 0.5/4) = 1 + log₂ 0.875.
    @Test func adjacentCategories() throws {
        #expect(abs(try #require(TastleWierman.cns(counts: [0, 0, 0, 4, 4])) - (1 + log2(0.875))) < 1e-12)
    }

    /// The formula written out again over a list of stances, for a few spreads.
    @Test(arguments: [[2, 1, 0, 0, 0], [0, 3, 1, 4, 2], [6, 5, 4, 3, 9], [0, 0, 5, 1, 39]])
    func matchesTheFormulaOverIndividuals(_ counts: [Int]) throws {
        let values = counts.enumerated().flatMap { index, count in Array(repeating: Double(index - 2), count: count) }
        let mean = values.reduce(0, +) / Double(values.count)
        let expected = 1 + values.map { log2(1 - abs($0 - mean) / 4) }.reduce(0, +) / Double(values.count)
        #expect(abs(try #require(TastleWierman.cns(counts: counts)) - expected) < 1e-12)
    }
}
