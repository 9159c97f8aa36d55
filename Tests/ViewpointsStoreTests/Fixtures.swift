import ViewpointsStore
import ViewpointsTestSupport

/// Small invented data sets (synthetic personas) written into a test's own folder.
enum Fixtures {
    static let participants = """
        participant,name,email,phone,constituency,status
        ahmed.khan@example.org,Ahmed Khan,ahmed.khan@example.org,+92 300 1234567,former_diplomat,former
        sara.al-hassan@example.org,Sara Al-Hassan,sara.al-hassan@example.org,0300-7654321,academic_think_tank,serving
        bilal.khan@example.org,Bilal Khan,bilal.khan@example.org,(042) 3575 1234,journalist_media,former
        zoe.ahmed@example.org,Zoë Qureshi,zoe.ahmed@example.org,,civil_servant,serving

        """

    static let statements = """
        id,participant,question,text
        S1,ahmed.khan@example.org,Q1,"Relations are at their lowest since 9/11, as Al-Hassan said. Call 0300-1234567."
        S2,ahmed.khan@example.org,Q2,"=SUM(A1) is not a view; Khan's point about F-16s in 2017-07 stands."
        S3,sara.al-hassan@example.org,Q1,"Ahmed Khan and I agree, write to ahmed.khan@example.org."
        S4,bilal.khan@example.org,Q1,"Pakistan must prioritize its region, says Sara; Zoë Qureshi agrees."

        """

    static let codebook = """
        key,label,description,parent
        relations,State of relations,,
        relations.lowest-since-9-11,Lowest since 9/11,Relations are at their lowest point since 2001,relations
        region,Regional relations,,
        region.prioritize-regional,Prioritize the region,Pakistan must put regional relations first,region

        """
}

extension Fixtures {
    /// The sample study, coded and adjudicated.
    static func sampleStudy() throws -> (TestDatabase, Store, Study) {
        let db = try TestDatabase()
        let store = try db.store()
        let study = try store.createStudy(slug: "ipr-2018", title: "").study
        let f = SampleCodingTests.folder
        _ = try store.importParticipants(path: f + "/participants.csv", study: study, options: .init())
        var statementOptions = StatementImportOptions()
        statementOptions.participantsPath = f + "/participants.csv"
        _ = try store.importStatements(path: f + "/statements.csv", study: study, options: statementOptions)
        _ = try store.importCodebook(path: f + "/codebook.csv", study: study, options: .init())
        _ = try store.importCodings(path: f + "/codings.csv", study: study, options: .init())
        try store.addCoder(name: "lead", study: study)
        _ = try store.importAdjudications(
            path: f + "/adjudications.csv", study: study, lead: "lead", options: .init())
        return (db, store, study)
    }
}
