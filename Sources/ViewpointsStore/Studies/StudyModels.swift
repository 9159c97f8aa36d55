/// A study as stored.
public struct Study: Sendable, Equatable {
    public var id: String
    public var slug: String
    public var title: String
    public var keyFingerprint: String
    public var pseudonymWidth: Int?
}

/// A study with the counts `study list` shows.
public struct StudyOverview: Sendable, Equatable {
    public var slug: String
    public var title: String
    public var participants: Int
    public var statements: Int
    public var codes: Int
    public var coders: Int
    public var createdAt: String
}
