/// The double-coding sample: statements ordered by the hex SHA-256 of `SEED:REFERENCE` (UTF-8), ascending,
/// and the first N (or ceil(p × count)) of them. Every coder with the same seed gets the same sample, and a
/// statement added later only enters it if its digest sorts before the cut.
public enum CodingSample {
    /// The sort key of one statement.
    public static func key(seed: String, reference: String) -> String {
        Hashing.hex(Hashing.sha256(seed + ":" + reference))
    }

    /// The sampled references, in sample order.
    public static func select(references: [String], seed: String, size: SampleSize) -> [String] {
        let ordered = references.map { (key(seed: seed, reference: $0), $0) }.sorted { $0.0 < $1.0 }
        return ordered.prefix(size.count(of: references.count)).map(\.1)
    }
}
