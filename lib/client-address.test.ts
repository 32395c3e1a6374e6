import { describe, expect, it } from "vitest";
import { clientAddress, clientAddressOf } from "./client-address";

describe("clientAddressOf", () => {
  it("is the socket's peer when no proxy is trusted, whatever X-Forwarded-For claims", () => {
    expect(clientAddressOf("203.0.113.9", "198.51.100.1", [])).toBe("203.0.113.9");
    expect(clientAddressOf("::ffff:203.0.113.9", undefined, [])).toBe("203.0.113.9");
  });

  it("takes the nearest untrusted hop behind trusted proxies, not the client's own claim", () => {
    // The client claimed 1.1.1.1; the proxy at 10.0.0.2 appended the real peer 203.0.113.9.
    expect(clientAddressOf("10.0.0.2", "1.1.1.1, 203.0.113.9", ["10.0.0.2"])).toBe("203.0.113.9");
    // Two proxies in a row.
    expect(clientAddressOf("10.0.0.2", "1.1.1.1, 203.0.113.9, 10.0.0.3", ["10.0.0.2", "10.0.0.3"])).toBe("203.0.113.9");
    // A header that is not an address stops the walk at the proxy.
    expect(clientAddressOf("10.0.0.2", "not-an-ip", ["10.0.0.2"])).toBe("10.0.0.2");
  });

  it("reads only an address from the app's own header", () => {
    expect(clientAddress(new Headers({ "x-client-address": "203.0.113.9" }))).toBe("203.0.113.9");
    expect(clientAddress({ "x-client-address": "evil; DROP" })).toBe("unknown");
    expect(clientAddress(undefined)).toBe("unknown");
  });
});
