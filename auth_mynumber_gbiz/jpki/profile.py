"""The JPKI certificate profile: the object identifiers IDENTITY.md fixes.

Everything that may differ between environments (which policies are
accepted, which CA generations are trusted) is a setting, not a constant
here.
"""

from cryptography.x509 import ObjectIdentifier

# The 署名用電子証明書 of the production environment.
SIGNING_POLICY = ObjectIdentifier("1.2.392.200149.8.5.1.1.20")
# The 利用者証明用電子証明書: proves who is logged in, carries no facts and
# must never stand in for a signature.
AUTHENTICATION_POLICY = ObjectIdentifier("1.2.392.200149.8.5.1.3.30")

# The four basic facts (基本4情報) and the 代替文字 flags, one otherName
# each in subjectAltName.
NAME = ObjectIdentifier("1.2.392.200149.8.5.5.1")
NAME_SUBSTITUTIONS = ObjectIdentifier("1.2.392.200149.8.5.5.2")
GENDER = ObjectIdentifier("1.2.392.200149.8.5.5.3")
BIRTH_DATE = ObjectIdentifier("1.2.392.200149.8.5.5.4")
ADDRESS = ObjectIdentifier("1.2.392.200149.8.5.5.5")
ADDRESS_SUBSTITUTIONS = ObjectIdentifier("1.2.392.200149.8.5.5.6")

FACT_OIDS = (
    NAME,
    NAME_SUBSTITUTIONS,
    GENDER,
    BIRTH_DATE,
    ADDRESS,
    ADDRESS_SUBSTITUTIONS,
)

# Signatures below this strength are not JPKI signatures (RSA-2048 is the
# profile).
MINIMUM_RSA_BITS = 2048
