// A NestJS handler runs per request; a method without a route decorator
// is not known to.
import net from "node:net";
import { Controller, Get } from "@nestjs/common";

@Controller("audit")
export class AuditController {
  @Get(":id")
  find(id: string): string {
    net.connect(514, "audit.internal"); // want "resource-not-closed: .* on every request and"
    return id;
  }

  plain(): void {
    net.connect(514, "plain.internal");
  }
}
