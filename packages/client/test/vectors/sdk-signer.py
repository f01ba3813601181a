# An independent computation of Huawei Cloud's AK/SK signatures, written from the algorithm of
# Huawei's Python SDK core (huaweicloud-sdk-python-v3, huaweicloudsdkcore/signer/signer.py:
# Signer and SM3Signer), with Python's hashlib and hmac (SM3 from the OpenSSL Python is built
# with). It writes signer-vectors.json, which test/sdk-signer-vectors.test.ts checks the client's
# signer and the server's verifier against. Run: python3 test/vectors/sdk-signer.py
import hashlib
import hmac
import json
import os
from urllib.parse import quote, unquote

ALGORITHMS = {
    "SDK-HMAC-SHA256": lambda data=b"": hashlib.sha256(data),
    "SDK-HMAC-SM3": lambda data=b"": hashlib.new("sm3", data),
}


def url_encode(s):
    return quote(s, safe="~")


def canonical_uri(path):
    uri = "/".join(url_encode(v) for v in unquote(path).split("/"))
    return uri if uri.endswith("/") else uri + "/"


def canonical_query(params):
    return "&".join(url_encode(k) + "=" + url_encode(str(v)) for k, v in sorted(params))


def sign(algorithm, ak, sk, method, path, params, headers, body, sdk_date):
    new_hash = ALGORITHMS[algorithm]
    headers = dict(headers, **{"X-Sdk-Date": sdk_date})
    values = {k.lower(): str(v).strip() for k, v in headers.items()}
    signed = sorted(values)
    payload = new_hash(body).hexdigest()
    canonical = "%s\n%s\n%s\n%s\n%s\n%s" % (
        method.upper(),
        canonical_uri(path),
        canonical_query(params),
        "".join(k + ":" + values[k] + "\n" for k in signed),
        ";".join(signed),
        payload,
    )
    to_sign = "%s\n%s\n%s" % (algorithm, sdk_date, new_hash(canonical.encode()).hexdigest())
    signature = hmac.new(sk.encode(), to_sign.encode(), digestmod=new_hash).hexdigest()
    return {
        "canonicalRequest": canonical,
        "stringToSign": to_sign,
        "signature": signature,
        "authorization": "%s Access=%s, SignedHeaders=%s, Signature=%s" % (algorithm, ak, ";".join(signed), signature),
    }


AK, SK = "HPUAEXAMPLEACCESSKEY", "example-secret-key-0123456789abcdefghij"
PROJECT = "0f7a8e3b9c6d4e2f8a1b2c3d4e5f6a7b"
HOST = "modelarts.cn-north-4.myhuaweicloud.com"
BODY = b'{"name":"pytorch1_4","namespace":"atelier-auto","tag":"20221223"}'
REQUESTS = [
    {
        "name": "create-image with temporary credentials",
        "method": "POST",
        "path": "/v1/%s/notebooks/6f3c2e56-4a8f-4e1c-9a3b-2c1d0e9f8a7b/create-image" % PROJECT,
        "params": [],
        "headers": {
            "Host": HOST,
            "Content-Type": "application/json",
            "X-Project-Id": PROJECT,
            "X-Security-Token": "gQpjbi1ub3J0aC00example-security-token",
        },
        "body": BODY.decode(),
    },
    {
        "name": "ListImage with a query",
        "method": "GET",
        "path": "/v1/%s/images" % PROJECT,
        "params": [("type", "DEDICATED"), ("name", "pytorch 1.4"), ("name_fuzzy_match", "false"), ("limit", "2")],
        "headers": {"Host": HOST, "X-Project-Id": PROJECT},
        "body": "",
    },
]
SDK_DATE = "20261207T083000Z"

vectors = []
for request in REQUESTS:
    for algorithm in ALGORITHMS:
        vectors.append(
            dict(
                request,
                params=[list(p) for p in request["params"]],
                algorithm=algorithm,
                accessKey=AK,
                secretKey=SK,
                sdkDate=SDK_DATE,
                expected=sign(
                    algorithm, AK, SK, request["method"], request["path"], request["params"],
                    request["headers"], request["body"].encode(), SDK_DATE,
                ),
            )
        )
out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "signer-vectors.json")
with open(out, "w") as f:
    json.dump({"$comment": "Written by sdk-signer.py (an independent computation from Huawei's SDK core's signer); do not edit.", "vectors": vectors}, f, indent=2, ensure_ascii=False)
    f.write("\n")
print("wrote", out)
