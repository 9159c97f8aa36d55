import ViewpointsStore

extension ConsensusWarning {
    /// The warning as the user reads it after `viewpoints: warning: `.
    var sentence: String {
        switch self {
        case .incomplete(let reviewed, let statements):
            "coverage \(reviewed) of \(statements) statements reviewed: figures may change as coding continues"
        case .unresolved(let pairs):
            "\(pairs) unresolved statement-proposition pairs are excluded: see `viewpoints disagreements`"
        case .suppressionOff:
            "small-cell suppression is off (--min-cell 0): small groups may reveal individuals"
        case .populationSuppressed(let attribute, let value, let minCell):
            "\(attribute)=\(value) has fewer than \(minCell) participants: counts suppressed"
        case .groupsSuppressed(let minCell):
            "groups with fewer than \(minCell) participants are suppressed (and one more where it could be "
                + "recovered by subtraction)"
        case .groupsWithheld(let minCell):
            "groups with fewer than \(minCell) participants are withheld and not named, with as many more as make the "
                + "withheld groups hold at least \(minCell)"
        case .perturbed:
            "counts are perturbed by up to 2 (cell key method) so that differencing tables reveals no one; shares "
                + "and classes are computed from the perturbed counts (METHODS.md)"
        }
    }
}
