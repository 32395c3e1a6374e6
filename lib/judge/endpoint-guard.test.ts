import { describe, expect, it } from "vitest";
import { blockedAddressReason, checkEndpoint, completionsUrl, isAllowedHost } from "./endpoint-guard";

describe("the LLM judge's endpoint guard", () => {
  it("refuses every kind of internal address, in every spelling", async () => {
    const internal = [
      "http://127.0.0.1/v1",
      "http://127.8.9.10:8080/v1",
      "http://0.0.0.0/v1",
      "http://10.1.2.3/v1",
      "http://172.16.0.1/v1",
      "http://172.31.255.255/v1",
      "http://192.168.1.1/v1",
      "http://169.254.169.254/latest/meta-data",
      "http://100.64.0.1/v1",
      "http://[::1]/v1",
      "http://[::]/v1",
      "http://[fe80::1]/v1",
      "http://[fd00:ec2::254]/v1",
      "http://[fc00::1]/v1",
      "http://[::ffff:127.0.0.1]/v1",
      "http://[::ffff:7f00:1]/v1",
      "http://[::ffff:169.254.169.254]/v1",
      "http://[64:ff9b::a9fe:a9fe]/v1",
      "http://[2002:7f00:1::]/v1",
      // Decimal, octal and hexadecimal forms, which the URL parser reads as 127.0.0.1.
      "http://2130706433/v1",
      "http://0177.0.0.1/v1",
      "http://0x7f.1/v1",
      "http://127.1/v1",
      // A name that resolves to loopback.
      "http://localhost:11434/v1",
    ];
    for (const url of internal) await expect(checkEndpoint(url, []), url).rejects.toThrow(/internal address|JUDGE_ALLOWED_HOSTS/);
  });

  it("lets public addresses and the listed hosts through", async () => {
    for (const address of ["8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "203.0.113.7"]) expect(blockedAddressReason(address), address).toBeNull();
    await expect(checkEndpoint("http://127.0.0.1:8000/v1", ["127.0.0.1:8000"])).resolves.toBeUndefined();
    await expect(checkEndpoint("http://localhost:11434/v1", ["localhost"])).resolves.toBeUndefined();
    await expect(checkEndpoint("http://127.0.0.1:8001/v1", ["127.0.0.1:8000"])).rejects.toThrow(/JUDGE_ALLOWED_HOSTS/);
    expect(isAllowedHost(new URL("http://[::1]:8000/v1"), ["[::1]:8000"])).toBe(true);
    expect(isAllowedHost(new URL("https://vllm.lab/v1"), ["vllm.lab:443"])).toBe(true);
  });

  it("calls the base URL plus /chat/completions, and takes no query, fragment or credentials from it", () => {
    expect(completionsUrl("https://api.example.com/v1/").toString()).toBe("https://api.example.com/v1/chat/completions");
    expect(() => completionsUrl("https://api.example.com/v1?target=http://10.0.0.1")).toThrow(/query/);
    expect(() => completionsUrl("https://api.example.com/v1#x")).toThrow(/fragment/);
    expect(() => completionsUrl("https://user:pass@api.example.com/v1")).toThrow(/user name or password/);
    expect(() => completionsUrl("file:///etc/passwd")).toThrow(/http/);
  });
});
