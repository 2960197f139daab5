//! The passwords and the hash of Listings 7.16 and 7.17.
//!
//! The book's `random_password` has a bug: `bytes(random.choice(ascii_lowercase))` is
//! `bytes(n)` of the letter's code `n`, which is *n zero bytes*, not the letter. Its "passwords"
//! are runs of 97 to 122 zeros. What it meant is ten random lowercase letters, which is what
//! this makes. The hashing costs the same either way: scrypt's work does not depend on the
//! password.

use rand::RngExt;

/// `random_password(length)`: `length` random lowercase letters.
pub fn random_password(length: usize) -> Vec<u8> {
    let mut random = rand::rng();
    (0..length)
        .map(|_| random.random_range(b'a'..=b'z'))
        .collect()
}

/// `hash(password)`: `hashlib.scrypt(password, salt=os.urandom(16), n=2048, r=8, p=1)`, whose
/// key is 64 bytes long, printed as Python's `str` of the bytes would be.
pub fn hash(password: &[u8]) -> String {
    let salt: [u8; 16] = rand::random();
    // n = 2048 = 2^11.
    let params = scrypt::Params::new(11, 8, 1).expect("the book's parameters are valid");
    let mut key = [0u8; 64];
    scrypt::scrypt(password, &salt, &params, &mut key).expect("64 bytes is a valid key length");
    util::py::PyBytes(&key).to_string()
}
