import ViewpointsCore

/// What every import's options have: `--update` and `--dry-run`.
public protocol ImportModeOptions {
    /// Replace rows that changed instead of refusing them.
    var update: Bool { get set }
    /// Check everything and report, but write nothing (the transaction is rolled back).
    var dryRun: Bool { get set }
}

/// The options of an import that has no others: codebook, codings, adjudications.
public struct ImportMode: ImportModeOptions, Sendable, Equatable {
    public var update = false
    public var dryRun = false
    public init() {}
}

extension ImportSummary {
    /// An empty summary of an import of `kind` run with `options`.
    init(kind: String, options: some ImportModeOptions) {
        self.init(kind: kind)
        dryRun = options.dryRun
        updated = options.update
    }
}
