"""The ciphers of a package, in one place so the `alg` block can name others (SM2/SM3/SM4)
later: Ed25519 signatures, X25519 + HKDF-SHA256 key wrapping, AES-256-GCM, scrypt for backups.

Like ODK's encrypted submissions, each package gets a fresh symmetric key, and only that key
is encrypted to each receiver's public key; unlike ODK the sender also signs what it sends.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers import (
    AEADDecryptionContext,
    AEADEncryptionContext,
    Cipher,
    algorithms,
    modes,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

ALG = {
    "sign": "Ed25519",
    "wrap": "X25519-HKDF-SHA256-AES256GCM",
    "payload": "AES-256-GCM",
    "compress": "zlib",
    "hash": "SHA-256",
}
WRAP_INFO = b"wuyedesk package key v1"
NONCE_BYTES = 12
SCRYPT = {"n": 2**15, "r": 8, "p": 1}

PrivateKey = Ed25519PrivateKey | X25519PrivateKey


class CryptoFailure(Exception):
    """A signature, tag or key that does not check out; callers turn it into a refusal."""


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def key_id(public_raw: bytes) -> str:
    """Short and stable: the first 16 hex digits of the public key's SHA-256."""
    return sha256_hex(public_raw)[:16]


def public_raw(key: PrivateKey) -> bytes:
    return key.public_key().public_bytes_raw()


def new_signing_key() -> Ed25519PrivateKey:
    return Ed25519PrivateKey.generate()


def new_encryption_key() -> X25519PrivateKey:
    return X25519PrivateKey.generate()


def private_pem(key: PrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


def load_private_pem(data: bytes) -> PrivateKey:
    key = serialization.load_pem_private_key(data, password=None)
    if not isinstance(key, Ed25519PrivateKey | X25519PrivateKey):
        raise CryptoFailure("密钥类型不对")
    return key


def sign(key: Ed25519PrivateKey, data: bytes) -> bytes:
    return key.sign(data)


def verify(public_hex: str, signature: bytes, data: bytes) -> None:
    try:
        Ed25519PublicKey.from_public_bytes(bytes.fromhex(public_hex)).verify(signature, data)
    except (InvalidSignature, ValueError) as exc:
        raise CryptoFailure("签名不符") from exc


@dataclass(frozen=True)
class WrappedKey:
    ephemeral_public: str  # hex
    nonce: str  # hex
    wrapped: str  # hex


def _kek(shared: bytes, ephemeral: bytes, recipient: bytes) -> bytes:
    hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=ephemeral + recipient, info=WRAP_INFO)
    return hkdf.derive(shared)


def wrap_key(content_key: bytes, recipient_public_hex: str, aad: bytes) -> WrappedKey:
    """Encrypt the package key to one receiver: an ephemeral X25519 exchange, then HKDF."""
    recipient = bytes.fromhex(recipient_public_hex)
    ephemeral = X25519PrivateKey.generate()
    shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(recipient))
    eph_raw = public_raw(ephemeral)
    nonce = os.urandom(NONCE_BYTES)
    wrapped = AESGCM(_kek(shared, eph_raw, recipient)).encrypt(nonce, content_key, aad)
    return WrappedKey(eph_raw.hex(), nonce.hex(), wrapped.hex())


def unwrap_key(wrapped: WrappedKey, own: X25519PrivateKey, aad: bytes) -> bytes:
    try:
        eph_raw = bytes.fromhex(wrapped.ephemeral_public)
        shared = own.exchange(X25519PublicKey.from_public_bytes(eph_raw))
        kek = _kek(shared, eph_raw, public_raw(own))
        return AESGCM(kek).decrypt(
            bytes.fromhex(wrapped.nonce), bytes.fromhex(wrapped.wrapped), aad
        )
    except (InvalidTag, ValueError) as exc:
        raise CryptoFailure("无法解开数据密钥") from exc


def new_content_key() -> bytes:
    return AESGCM.generate_key(bit_length=256)


def encrypt(key: bytes, plain: bytes, aad: bytes) -> tuple[bytes, bytes]:
    nonce = os.urandom(NONCE_BYTES)
    return nonce, AESGCM(key).encrypt(nonce, plain, aad)


TAG_BYTES = 16  # AESGCM.encrypt appends the GCM tag to the ciphertext


def decrypt(key: bytes, nonce: bytes, cipher: bytes, aad: bytes) -> bytes:
    try:
        return AESGCM(key).decrypt(nonce, cipher, aad)
    except (InvalidTag, ValueError) as exc:
        raise CryptoFailure("解密失败") from exc


def encryptor(key: bytes, aad: bytes) -> tuple[bytes, AEADEncryptionContext]:
    """AES-GCM a chunk at a time; its output plus `.tag` after finalize() is exactly what
    `encrypt` returns for the whole, so `decrypt` opens it."""
    nonce = os.urandom(NONCE_BYTES)
    context = Cipher(algorithms.AES(key), modes.GCM(nonce)).encryptor()
    context.authenticate_additional_data(aad)
    return nonce, context


def decryptor(key: bytes, nonce: bytes, tag: bytes, aad: bytes) -> AEADDecryptionContext:
    """AES-GCM a chunk at a time, for payloads too big to hold twice in memory. What it
    yields is not authentic until `finalize()` has checked the tag: write it somewhere
    private and throw it away if finalize raises InvalidTag."""
    context = Cipher(algorithms.AES(key), modes.GCM(nonce, tag)).decryptor()
    context.authenticate_additional_data(aad)
    return context


def passphrase_key(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase.encode("utf-8"))
