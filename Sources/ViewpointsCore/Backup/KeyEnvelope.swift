import COpenSSL

/// A secret sealed with a passphrase: PBKDF2-HMAC-SHA256 derives a 256-bit key, AES-256-GCM encrypts and
/// authenticates (OpenSSL libcrypto). Everything but the passphrase is stored beside the ciphertext.
public struct KeyEnvelope: Sendable, Equatable, Codable {
    public var kdf: String
    public var iterations: Int
    /// Hex.
    public var salt: String
    public var cipher: String
    /// Hex, 12 bytes.
    public var nonce: String
    /// Hex, the 16-byte GCM tag.
    public var tag: String

    /// OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256.
    public static let defaultIterations = 600_000
    /// The most iterations an envelope may ask for (about 17 times the default, some seconds): more is refused
    /// before any work, so an altered envelope cannot make `restore` spin for hours.
    public static let maxIterations = 10_000_000
    public static let minIterations = 1000
    static let associatedData = Array("viewpoints-backup-key-v1".utf8)

    /// Encrypts `plaintext` under `passphrase`; returns the envelope and the ciphertext.
    public static func seal(_ plaintext: [UInt8], passphrase: String, iterations: Int = defaultIterations)
        -> (envelope: KeyEnvelope, ciphertext: [UInt8])
    {
        let salt = Hashing.randomBytes(16)
        let nonce = Hashing.randomBytes(12)
        let key = derive(passphrase: passphrase, salt: salt, iterations: iterations)
        var tag = [UInt8](repeating: 0, count: 16)
        var out = [UInt8](repeating: 0, count: plaintext.count + 16)
        let ctx = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(ctx) }
        var length: Int32 = 0
        var total = 0
        var ok = EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1
        ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, nil) == 1
        ok = ok && EVP_EncryptInit_ex(ctx, nil, nil, key, nonce) == 1
        ok = ok && EVP_EncryptUpdate(ctx, nil, &length, associatedData, Int32(associatedData.count)) == 1
        ok =
            ok
            && out.withUnsafeMutableBufferPointer { buffer in
                EVP_EncryptUpdate(ctx, buffer.baseAddress, &length, plaintext, Int32(plaintext.count)) == 1
            }
        total = Int(length)
        ok =
            ok
            && out.withUnsafeMutableBufferPointer { buffer in
                EVP_EncryptFinal_ex(ctx, buffer.baseAddress! + total, &length) == 1
            }
        total += Int(length)
        ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, &tag) == 1
        precondition(ok, "OpenSSL could not encrypt with AES-256-GCM")
        let envelope = KeyEnvelope(
            kdf: "PBKDF2-HMAC-SHA256", iterations: iterations, salt: Hashing.hex(salt), cipher: "AES-256-GCM",
            nonce: Hashing.hex(nonce), tag: Hashing.hex(tag))
        return (envelope, Array(out.prefix(total)))
    }

    /// Decrypts `ciphertext`; nil when the passphrase is wrong or the ciphertext or envelope was altered.
    public func open(_ ciphertext: [UInt8], passphrase: String) -> [UInt8]? {
        guard kdf == "PBKDF2-HMAC-SHA256", cipher == "AES-256-GCM",
            (KeyEnvelope.minIterations...KeyEnvelope.maxIterations).contains(iterations),
            let salt = Hashing.bytes(hex: salt), let nonce = Hashing.bytes(hex: nonce), nonce.count == 12,
            var tag = Hashing.bytes(hex: tag), tag.count == 16
        else { return nil }
        let key = KeyEnvelope.derive(passphrase: passphrase, salt: salt, iterations: iterations)
        var out = [UInt8](repeating: 0, count: ciphertext.count + 16)
        let ctx = EVP_CIPHER_CTX_new()
        defer { EVP_CIPHER_CTX_free(ctx) }
        var length: Int32 = 0
        var ok = EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), nil, nil, nil) == 1
        ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, 12, nil) == 1
        ok = ok && EVP_DecryptInit_ex(ctx, nil, nil, key, nonce) == 1
        let aad = KeyEnvelope.associatedData
        ok = ok && EVP_DecryptUpdate(ctx, nil, &length, aad, Int32(aad.count)) == 1
        ok =
            ok
            && out.withUnsafeMutableBufferPointer { buffer in
                EVP_DecryptUpdate(ctx, buffer.baseAddress, &length, ciphertext, Int32(ciphertext.count)) == 1
            }
        let total = Int(length)
        ok = ok && EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, &tag) == 1
        ok =
            ok
            && out.withUnsafeMutableBufferPointer { buffer in
                EVP_DecryptFinal_ex(ctx, buffer.baseAddress! + total, &length) > 0
            }
        return ok ? Array(out.prefix(total + Int(length))) : nil
    }

    static func derive(passphrase: String, salt: [UInt8], iterations: Int) -> [UInt8] {
        var key = [UInt8](repeating: 0, count: 32)
        let count = Int32(passphrase.utf8.count)
        let ok = passphrase.withCString { p in
            PKCS5_PBKDF2_HMAC(p, count, salt, Int32(salt.count), Int32(iterations), EVP_sha256(), 32, &key)
        }
        precondition(ok == 1, "OpenSSL could not derive a key with PBKDF2")
        return key
    }
}
