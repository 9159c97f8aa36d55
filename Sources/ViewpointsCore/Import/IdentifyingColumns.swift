/// Which columns of a participants file identify people, by header and by value.
///
/// Header names are compared by `IdentifyingColumns.key`: case-folded, without diacritics, spaces, hyphens,
/// underscores and dots (`E-mail`, `Phone Number`, `full_name` → `email`, `phonenumber`, `fullname`).
public enum IdentifyingColumns {
    /// What a header says its column holds.
    public enum Kind: String, Sendable {
        case name = "a name", email = "an e-mail address", phone = "a phone number", address = "an address"
        case birthDate = "a date of birth", handle = "a social handle or URL"
        case document = "an identity document number"
    }

    /// The comparison key of a header name.
    public static func key(_ header: String) -> String {
        String(
            String.UnicodeScalarView(
                NameFold.fold(header).unicodeScalars.filter { !" -_.\u{00A0}\t/".unicodeScalars.contains($0) }))
    }

    /// Headers that name an identifying column, in the CSV habits of English, German, French, Spanish, Italian,
    /// Portuguese, Dutch, Turkish, Polish, Urdu, Arabic and the CJK languages.
    static let headers: [String: Kind] = {
        var table: [String: Kind] = [:]
        let lists: [(Kind, [String])] = [
            (
                .name,
                [
                    "name", "names", "firstname", "givenname", "forename", "surname", "lastname", "familyname",
                    "fullname", "middlename", "nickname", "displayname", "username", "contactname", "respondentname",
                    "participantname", "intervieweename", "interviewee", "respondent", "nombre", "nombres",
                    "apellido", "apellidos", "nombrecompleto", "nom", "prenom", "nomdefamille", "nomcomplet",
                    "vorname", "nachname", "familienname", "vollername", "naam", "voornaam", "achternaam", "nome",
                    "cognome", "nomecompleto", "sobrenome", "isim", "adsoyad", "soyad", "soyadi", "imie",
                    "nazwisko", "imya", "familiya", "fio", "نام", "اسم", "پورانام", "الاسم", "姓名", "名前", "氏名", "이름",
                    "имя", "фамилия", "фио",
                ]
            ),
            (
                .email,
                [
                    "email", "emails", "emailaddress", "mail", "mailaddress", "courriel", "adressemail", "correo",
                    "correoelectronico", "eposta", "epost", "emailadresse", "mailadresse", "posta", "ایمیل",
                    "البريدالالكتروني", "邮箱", "메일",
                ]
            ),
            (
                .phone,
                [
                    "phone", "phones", "phonenumber", "phoneno", "telephone", "telephonenumber", "tel", "telno",
                    "telefon", "telefonnummer", "telefono", "telefone", "mobile", "mobilenumber", "mobileno",
                    "mobilephone", "mob", "cell", "cellphone", "cellnumber", "handy", "portable", "celular", "movil",
                    "cellulare", "whatsapp", "contactnumber", "contactno", "fax", "gsm", "فون", "موبائل", "هاتف",
                    "电话", "手机", "電話", "전화", "телефон",
                ]
            ),
            (
                .address,
                [
                    "address", "streetaddress", "street", "homeaddress", "postaladdress", "postcode", "postalcode",
                    "zip", "zipcode", "adresse", "direccion", "anschrift", "strasse", "indirizzo", "endereco", "adres",
                    "adress", "پتہ", "عنوان", "地址", "住所", "주소", "адрес",
                ]
            ),
            (
                .birthDate,
                [
                    "dateofbirth", "dob", "birthdate", "birthday", "geburtsdatum", "geburtstag",
                    "datedenaissance", "fechadenacimiento", "datadinascita", "datadenascimento", "dogumtarihi",
                    "tarikhpaidaish", "出生日期", "生年月日", "생년월일", "датарождения",
                ]
            ),
            (
                .handle,
                [
                    "twitter", "handle", "twitterhandle", "linkedin", "linkedinurl", "facebook", "instagram",
                    "tiktok", "social", "socialmedia", "skype", "telegram", "wechat", "url", "website", "homepage",
                    "web", "profileurl", "blog", "github",
                ]
            ),
            (
                .document,
                [
                    "cnic", "nationalid", "idcard", "idnumber", "passport", "passportnumber", "ssn",
                    "socialsecuritynumber", "nin", "nino", "taxid", "personalnummer", "dni", "nif", "tckimlik",
                    "tckimlikno", "pesel", "ipaddress",
                ]
            ),
        ]
        for (kind, names) in lists {
            for name in names { table[key(name)] = kind }
        }
        return table
    }()

    /// Pieces that make a header identifying wherever they appear in it (`interviewee_phone`, `home e-mail`).
    static let fragments: [(String, Kind)] = [
        ("email", .email), ("phone", .phone), ("mobile", .phone), ("telephone", .phone), ("surname", .name),
        ("firstname", .name), ("lastname", .name), ("fullname", .name), ("givenname", .name), ("birth", .birthDate),
        ("linkedin", .handle), ("twitter", .handle), ("facebook", .handle), ("instagram", .handle),
        ("address", .address), ("website", .handle), ("passport", .document), ("cnic", .document),
    ]

    /// What the header `name` says its column holds, or nil for an ordinary attribute.
    public static func kind(ofHeader name: String) -> Kind? {
        let folded = key(name)
        if let kind = headers[folded] { return kind }
        return fragments.first { folded.contains($0.0) }?.1
    }

    /// Whether `value` holds an e-mail address, a phone number or a URL.
    static func contactKind(of value: String, redactor: Redactor) -> String? {
        let lowered = value.lowercased()
        if lowered.contains("://") || lowered.hasPrefix("www.") || lowered.contains("linkedin.com/") {
            return "a URL"
        }
        for redaction in redactor.redact(value).redactions {
            switch redaction.kind {
            case .email: return "an e-mail address"
            case .phone: return "a phone number"
            default: continue
            }
        }
        return nil
    }
}
