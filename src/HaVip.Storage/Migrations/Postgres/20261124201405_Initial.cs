using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace HaVip.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "havip_events",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    HaVipId = table.Column<string>(type: "text", nullable: false),
                    At = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Message = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    InstanceId = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_havip_events", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "idempotency_records",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    RequestHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    StatusCode = table.Column<int>(type: "integer", nullable: false),
                    Location = table.Column<string>(type: "text", nullable: true),
                    ContentType = table.Column<string>(type: "text", nullable: true),
                    Body = table.Column<byte[]>(type: "bytea", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_idempotency_records", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "sequences",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_sequences", x => x.Name);
                });

            migrationBuilder.CreateTable(
                name: "vpcs",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Cidr = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vpcs", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "instances",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    VpcId = table.Column<string>(type: "character varying(40)", nullable: false),
                    Host = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instances", x => x.Id);
                    table.ForeignKey(
                        name: "FK_instances_vpcs_VpcId",
                        column: x => x.VpcId,
                        principalTable: "vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "subnets",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    VpcId = table.Column<string>(type: "character varying(40)", nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Cidr = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Gateway = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Vni = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_subnets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_subnets_vpcs_VpcId",
                        column: x => x.VpcId,
                        principalTable: "vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "havips",
                columns: table => new
                {
                    Id = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Name = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    Remark = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Type = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    VpcId = table.Column<string>(type: "character varying(40)", nullable: false),
                    SubnetId = table.Column<string>(type: "character varying(40)", nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    Status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    StatusReason = table.Column<string>(type: "text", nullable: true),
                    MasterInstanceId = table.Column<string>(type: "text", nullable: true),
                    MasterSince = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    VirtualRouterId = table.Column<int>(type: "integer", nullable: false),
                    AuthPass = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    Generation = table.Column<long>(type: "bigint", nullable: false),
                    ApplyDeadline = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_havips", x => x.Id);
                    table.ForeignKey(
                        name: "FK_havips_subnets_SubnetId",
                        column: x => x.SubnetId,
                        principalTable: "subnets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_havips_vpcs_VpcId",
                        column: x => x.VpcId,
                        principalTable: "vpcs",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "nics",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "character varying(40)", nullable: false),
                    Device = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    SubnetId = table.Column<string>(type: "character varying(40)", nullable: false),
                    IpAddress = table.Column<string>(type: "character varying(15)", maxLength: 15, nullable: false),
                    MacAddress = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_nics", x => new { x.InstanceId, x.Device });
                    table.ForeignKey(
                        name: "FK_nics_instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_nics_subnets_SubnetId",
                        column: x => x.SubnetId,
                        principalTable: "subnets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "havip_bindings",
                columns: table => new
                {
                    HaVipId = table.Column<string>(type: "character varying(40)", nullable: false),
                    InstanceId = table.Column<string>(type: "character varying(40)", nullable: false),
                    CreatedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_havip_bindings", x => new { x.HaVipId, x.InstanceId });
                    table.ForeignKey(
                        name: "FK_havip_bindings_havips_HaVipId",
                        column: x => x.HaVipId,
                        principalTable: "havips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_havip_bindings_instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "havip_host_applies",
                columns: table => new
                {
                    HaVipId = table.Column<string>(type: "character varying(40)", nullable: false),
                    Host = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: false),
                    RequiredGeneration = table.Column<long>(type: "bigint", nullable: false),
                    AppliedGeneration = table.Column<long>(type: "bigint", nullable: false),
                    Error = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_havip_host_applies", x => new { x.HaVipId, x.Host });
                    table.ForeignKey(
                        name: "FK_havip_host_applies_havips_HaVipId",
                        column: x => x.HaVipId,
                        principalTable: "havips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.InsertData(
                table: "sequences",
                columns: new[] { "Name", "Value" },
                values: new object[] { "change", 0L });

            migrationBuilder.CreateIndex(
                name: "IX_havip_bindings_InstanceId",
                table: "havip_bindings",
                column: "InstanceId");

            migrationBuilder.CreateIndex(
                name: "IX_havip_events_HaVipId_Id",
                table: "havip_events",
                columns: new[] { "HaVipId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_havip_host_applies_Host",
                table: "havip_host_applies",
                column: "Host");

            migrationBuilder.CreateIndex(
                name: "IX_havips_ApplyDeadline",
                table: "havips",
                column: "ApplyDeadline");

            migrationBuilder.CreateIndex(
                name: "IX_havips_Status_Id",
                table: "havips",
                columns: new[] { "Status", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_havips_SubnetId_IpAddress",
                table: "havips",
                columns: new[] { "SubnetId", "IpAddress" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_havips_SubnetId_VirtualRouterId",
                table: "havips",
                columns: new[] { "SubnetId", "VirtualRouterId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_havips_VpcId_Id",
                table: "havips",
                columns: new[] { "VpcId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_idempotency_records_CreatedAt",
                table: "idempotency_records",
                column: "CreatedAt");

            migrationBuilder.CreateIndex(
                name: "IX_instances_Host",
                table: "instances",
                column: "Host");

            migrationBuilder.CreateIndex(
                name: "IX_instances_VpcId",
                table: "instances",
                column: "VpcId");

            migrationBuilder.CreateIndex(
                name: "IX_nics_MacAddress",
                table: "nics",
                column: "MacAddress",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_nics_SubnetId_IpAddress",
                table: "nics",
                columns: new[] { "SubnetId", "IpAddress" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_subnets_Vni",
                table: "subnets",
                column: "Vni",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_subnets_VpcId",
                table: "subnets",
                column: "VpcId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "havip_bindings");

            migrationBuilder.DropTable(
                name: "havip_events");

            migrationBuilder.DropTable(
                name: "havip_host_applies");

            migrationBuilder.DropTable(
                name: "idempotency_records");

            migrationBuilder.DropTable(
                name: "nics");

            migrationBuilder.DropTable(
                name: "sequences");

            migrationBuilder.DropTable(
                name: "havips");

            migrationBuilder.DropTable(
                name: "instances");

            migrationBuilder.DropTable(
                name: "subnets");

            migrationBuilder.DropTable(
                name: "vpcs");
        }
    }
}
