import Testing
import ViewpointsCore

@Suite struct FinalCodingTests {
    static let plus = Stance.support
    static let strong = Stance.stronglySupport

    @Test(
        arguments: [
            (
                "adjudicated over a disagreement", [plus, nil], FinalCoding.Adjudication(stance: strong),
                .decided(strong, .adjudicated)
            ),
            ("adjudicated absent", [plus, plus], FinalCoding.Adjudication(stance: nil), .decided(nil, .adjudicated)),
            ("adjudicated without reviewers", [], FinalCoding.Adjudication(stance: plus), .decided(plus, .adjudicated)),
            ("single reviewer applied", [plus], nil, .decided(plus, .single)),
            ("single reviewer did not apply", [nil], nil, .decided(nil, .single)),
            ("agreement on a stance", [plus, plus, plus], nil, .decided(plus, .agreed)),
            ("agreement on absence", [nil, nil], nil, .decided(nil, .agreed)),
            ("presence disagreement", [plus, nil], nil, .unresolved),
            ("stance disagreement", [plus, strong], nil, .unresolved),
            ("two against one is no majority", [plus, plus, nil], nil, .unresolved),
            ("no reviewer", [], nil, .uncoded),
        ] as [(String, [Stance?], FinalCoding.Adjudication?, FinalCoding.Decision)])
    func followsTheDomainRule(
        _ name: String, _ reviewers: [Stance?], _ adjudication: FinalCoding.Adjudication?,
        _ expected: FinalCoding.Decision
    ) {
        #expect(FinalCoding.decide(reviewers: reviewers, adjudication: adjudication) == expected, "\(name)")
    }
}
