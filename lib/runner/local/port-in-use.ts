/**
 * What a service prints when its port is taken, whatever its language or framework: Node
 * (EADDRINUSE), Python ("Address already in use", errno 98), Java (BindException), Go
 * ("bind: address already in use"), Rust (AddrInUse), .NET/Windows ("Only one usage of each
 * socket address"), Docker-style ("port is already allocated").
 */
const PORT_IN_USE = /EADDRINUSE|address already in use|address in use|AddrInUse|BindException|port is already (in use|allocated)|only one usage of each socket address|errno 98\b|os error 98\b/i;

/** The line of `output` that says the port is taken, or undefined. */
export function portInUseLine(output: string): string | undefined {
  return output
    .split('\n')
    .find((line) => PORT_IN_USE.test(line))
    ?.trim();
}
