import Foundation
import Testing
import ViewpointsCore
import ViewpointsStore
import ViewpointsTestSupport

/// A column that identifies people never becomes an attribute unless the user says so.
@Suite(.database)
struct IdentifyingColumnTests {
    let db: TestDatabase
    let files = TestFiles()

    init() throws { db = try TestDatabase() }

    static let people = """
        Participant,Name,E-mail,Phone Number,full_name,mobile,constituency
        staff-1,Ayesha Khan,ayesha@example.org,+92 300 1234567,Ayesha Khan,0300-7654321,academic
        staff-2,Bilal Raza,bilal@example.org,0321 5556677,Bilal Raza,0321 1112223,journalist

        """

    func importing(_ content: String, _ configure: (inout ParticipantImportOptions) -> Void = { _ in }) throws
        -> ParticipantImportResult
    {
        let store = try db.store()
        let study = try store.study(slug: "s") ?? store.createStudy(slug: "s", title: "").study
        var options = ParticipantImportOptions()
        configure(&options)
        return try store.importParticipants(path: files.write("p.csv", content), study: study, options: options)
    }

    func refusal(_ content: String, _ configure: (inout ParticipantImportOptions) -> Void = { _ in }) throws
        -> [String]
    {
        let store = try db.store()
        if try store.study(slug: "s") == nil { _ = try store.createStudy(slug: "s", title: "") }
        let before = try db.snapshot()
        let failure = try #require(throws: ImportFailure.self) { try importing(content, configure) }
        #expect(try db.snapshot() == before)
        return failure.problems.map(\.description)
    }

    @Test func headersAreMatchedIgnoringCaseSpacesHyphensAndUnderscores() throws {
        let problems = try refusal(Self.people)
        let path = files.write("p.csv", Self.people)
        // Participant, Name and E-mail are the default identifying columns; the others need a decision
        #expect(problems.count == 3, "\(problems)")
        #expect(problems[0].hasPrefix("\(path):1:25: column 'Phone Number' looks identifying"), "\(problems)")
        #expect(problems[0].contains("--identifying \"Phone Number\""))
        #expect(problems[0].contains("--keep-attribute \"Phone Number\""))
        #expect(problems[1].hasPrefix("\(path):1:38: column 'full_name' looks identifying"), "\(problems)")
        #expect(problems[2].hasPrefix("\(path):1:48: column 'mobile' looks identifying"), "\(problems)")
    }

    @Test func declaredColumnsAreNeverStored() throws {
        let result = try importing(Self.people) { $0.identifying = ["Phone Number", "full_name", "mobile"] }
        #expect(result.summary.new == 2)
        let everything = try db.snapshot().values.flatMap { $0 }.joined(separator: "\n")
        #expect(everything.contains("academic"))
        for value in ["Ayesha", "Khan", "ayesha@", "1234567", "7654321", "5556677", "1112223", "staff-1", "Phone"] {
            #expect(!everything.contains(value), "\(value) was stored")
        }
    }

    @Test(arguments: [
        "Vorname", "Nachname", "Surname", "FIRST NAME", "Last-Name", "Email Address", "Mail", "Telephone",
        "Cell", "Handy", "Téléphone", "Correo", "Address", "Date of Birth", "DOB", "Twitter", "LinkedIn URL",
        "Website", "nombre", "prénom", "interviewee_phone", "CNIC", "Passport No",
    ])
    func refusesIdentifyingHeadersInManyHabits(header: String) throws {
        let problems = try refusal("participant,\(header),sector\nstaff-1,x,economy\n")
        #expect(
            problems.count == 1 && problems[0].contains(":1:13: column '\(header)' looks identifying"), "\(problems)")
    }

    @Test(arguments: [
        ("contact", "ayesha@example.org", "an e-mail address"), ("contact", "+92 300 1234567", "a phone number"),
        ("contact", "923001234567", "a phone number"), ("page", "https://www.linkedin.com/in/ayesha-k", "a URL"),
        ("id", "ayesha.khan.92", "this participant's name or identifier"),
        ("id", "AKhan", "this participant's name or identifier"),
        ("referred_by", "Bilal Raza", "another participant's name"),
    ])
    func refusesColumnsWhoseValuesIdentify(column: String, value: String, reason: String) throws {
        let content =
            "participant,name,\(column),sector\nstaff-1,Ayesha Khan,\(value),economy\nstaff-2,Bilal Raza,,law\n"
        let problems = try refusal(content)
        #expect(problems.count == 1, "\(problems)")
        #expect(
            problems.first?.contains(":1:18: column '\(column)' looks identifying (line 2 holds \(reason))") == true,
            "\(problems)")
        #expect(problems.first?.contains("--keep-attribute \(column)") == true)
        let kept = try importing(content) { $0.keepAttributes = [column] }
        #expect(kept.summary.new == 2)
    }

    @Test func ordinaryAttributesPass() throws {
        let content = """
            participant,name,sector,interview_month,year,budget,born_in,note
            staff-1,Ayesha Khan,economy,2017-12,2019,"1,000,000",Lahore,after 9/11 and the F-16 deal
            staff-2,Will May,law,2018-01,2020,3.5,Karachi,in May 2019 we will see

            """
        let result = try importing(content)
        #expect(result.summary.new == 2)
        #expect(try db.scalar("SELECT attributes->>'note' FROM participants ORDER BY number LIMIT 1") != nil)
    }
}
