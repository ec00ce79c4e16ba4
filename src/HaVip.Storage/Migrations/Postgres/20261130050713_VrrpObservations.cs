using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class VrrpObservations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "instance_vrrp",
                columns: table => new
                {
                    InstanceId = table.Column<string>(type: "character varying(40)", nullable: false),
                    VirtualRouterId = table.Column<int>(type: "integer", nullable: false),
                    Advertising = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Priority = table.Column<int>(type: "integer", nullable: false),
                    AdvertIntervalMilliseconds = table.Column<long>(type: "bigint", nullable: false),
                    AuthType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Addresses = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    MasterDownIntervalMicroseconds = table.Column<long>(type: "bigint", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    LastAdvertAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_instance_vrrp", x => new { x.InstanceId, x.VirtualRouterId });
                    table.ForeignKey(
                        name: "FK_instance_vrrp_instances_InstanceId",
                        column: x => x.InstanceId,
                        principalTable: "instances",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "instance_vrrp");
        }
    }
}
