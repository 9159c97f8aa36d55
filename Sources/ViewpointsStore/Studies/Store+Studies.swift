import Foundation
import ViewpointsCore

extension Store {
    /// Creates a study and its key file (an existing key file at that path is reused, so pseudonyms match).
    public func createStudy(slug: String, title: String) throws(StoreError) -> (
        study: Study, keyPath: String, newKey: Bool
    ) {
        guard Slug.isValidStudySlug(slug) else {
            throw StoreError(
                .usage, "study slug '\(slug)' is not valid",
                hint: "use lower-case letters, digits and hyphens, starting with a letter or digit (e.g. ipr-2018)")
        }
        if try study(slug: slug) != nil {
            throw StoreError(
                .data, "study '\(slug)' already exists",
                reason: .studyExists(slug: slug))
        }
        let path = StudyKey.path(slug: slug, home: home)
        let (key, created) = try StudyKey.loadOrCreate(path: path)
        let rows = try connection.query(
            StudyQueries.insert, [slug, title, key.fingerprint], doing: "creating study \(slug)")
        let study = Study(
            id: try rows.one(String.self), slug: slug, title: title, keyFingerprint: key.fingerprint,
            pseudonymWidth: nil)
        return (study, path, created)
    }

    /// The study with this slug, if any.
    public func study(slug: String) throws(StoreError) -> Study? {
        guard let row = try connection.query(StudyQueries.bySlug, [slug], doing: "looking up study \(slug)").rows.first
        else { return nil }
        return try Store.study(row)
    }

    static func study(_ row: Row) throws(StoreError) -> Study {
        let (id, slug, title, fingerprint, width) = try row.decode((String, String, String, String, Int?).self)
        return Study(id: id, slug: slug, title: title, keyFingerprint: fingerprint, pseudonymWidth: width)
    }

    /// The study a command works in (the one named, or the only one when none is named), with the connected
    /// login's role there, which every access decision of this store then reads (`role(in:)`).
    public func resolveStudy(slug: String?) throws(StoreError) -> Study {
        let study = try findStudy(slug: slug)
        studyRoles[study.id] = try access(study: study.slug)
        return study
    }

    private func findStudy(slug: String?) throws(StoreError) -> Study {
        if let slug, !slug.isEmpty {
            guard let found = try study(slug: slug) else {
                try refuseHiddenStudy(slug)
                let known = try connection.query(StudyQueries.all, doing: "listing studies").column(1, as: String.self)
                throw StoreError(
                    .notFound, "no study '\(slug)' in this database",
                    hint: known.isEmpty ? nil : "known studies: \(known.joined(separator: ", "))",
                    reason: .noSuchStudy(slug: slug, known: known))
            }
            return found
        }
        let all = try connection.query(StudyQueries.all, doing: "listing studies").map(Store.study)
        switch all.count {
        case 1: return all[0]
        case 0:
            throw StoreError(
                .usage, "there is no study yet", reason: .noStudyYet)
        default:
            throw StoreError(
                .usage, "there are \(all.count) studies (\(all.map(\.slug).joined(separator: ", "))): say which one",
                reason: .studyNotNamed)
        }
    }

    /// Every study with its counts.
    public func studyOverviews() throws(StoreError) -> [StudyOverview] {
        try connection.query(StudyQueries.overview, doing: "listing studies")
            .decode((String, String, Int, Int, Int, Int, String).self).map {
                StudyOverview(
                    slug: $0.0, title: $0.1, participants: $0.2, statements: $0.3, codes: $0.4, coders: $0.5,
                    createdAt: $0.6)
            }
    }

    /// Deletes a study and everything in it; removes its key file only when `forgetKey`.
    public func deleteStudy(slug: String, forgetKey: Bool) throws(StoreError) -> (deleted: Bool, keyRemoved: String?) {
        let existed = try connection.query(StudyQueries.delete, [slug], doing: "deleting study \(slug)").affected > 0
        var removed: String?
        if forgetKey {
            let path = StudyKey.path(slug: slug, home: home)
            if FileManager.default.fileExists(atPath: path) {
                do {
                    try FileManager.default.removeItem(atPath: path)
                    removed = path
                } catch {
                    throw StoreError(
                        .cannotWrite,
                        "study deleted, but its key \(path) could not be removed: \(error.localizedDescription)")
                }
            }
        }
        return (existed, removed)
    }

    /// The study's key, checked against the fingerprint stored with the study.
    public func key(for study: Study) throws(StoreError) -> StudyKey {
        let path = StudyKey.path(slug: study.slug, home: home)
        let key = try StudyKey.load(path: path)
        guard key.fingerprint == study.keyFingerprint else {
            throw StoreError(
                .configuration,
                "the key \(path) is not the key of study '\(study.slug)' (fingerprint \(key.fingerprint.prefix(12))…, "
                    + "the study expects \(study.keyFingerprint.prefix(12))…)",
                hint:
                    "use the study's own key file (VIEWPOINTS_KEY_FILE); a different key would create duplicate participants"
            )
        }
        return key
    }
}
