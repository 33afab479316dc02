// What the XML-RPC encoder (xmlrpc-codec.ts) and the streaming decoder (xmlrpc-stream.ts)
// share: the value type and the two errors. In their own module so that neither of the
// two imports the other for them (no import cycle).

export type XmlRpcValue =
  | number
  | boolean
  | string
  | null
  | Date
  | Uint8Array
  | XmlRpcValue[]
  | { [key: string]: XmlRpcValue };

export class XmlRpcFault extends Error {
  readonly faultCode: number;
  readonly faultString: string;
  constructor(faultCode: number, faultString: string) {
    super('XML-RPC fault');
    this.faultCode = faultCode;
    this.faultString = faultString;
  }
}

export class XmlRpcParseError extends Error {}
