using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class HealthTimeline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "HealthDueAt",
                table: "havips",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Finding",
                table: "havip_events",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Instances",
                table: "havip_events",
                type: "character varying(2048)",
                maxLength: 2048,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "havip_findings",
                columns: table => new
                {
                    HaVipId = table.Column<string>(type: "character varying(40)", nullable: false),
                    Code = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Instances = table.Column<string>(type: "character varying(2048)", maxLength: 2048, nullable: false),
                    Since = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Message = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_havip_findings", x => new { x.HaVipId, x.Code });
                    table.ForeignKey(
                        name: "FK_havip_findings_havips_HaVipId",
                        column: x => x.HaVipId,
                        principalTable: "havips",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Every HAVIP that exists before the timeline is evaluated once, from its creation.
            migrationBuilder.Sql("UPDATE havips SET \"HealthDueAt\" = \"CreatedAt\"");

            migrationBuilder.CreateIndex(
                name: "IX_havips_HealthDueAt",
                table: "havips",
                column: "HealthDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_havip_findings_Code_HaVipId",
                table: "havip_findings",
                columns: new[] { "Code", "HaVipId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "havip_findings");

            migrationBuilder.DropIndex(
                name: "IX_havips_HealthDueAt",
                table: "havips");

            migrationBuilder.DropColumn(
                name: "HealthDueAt",
                table: "havips");

            migrationBuilder.DropColumn(
                name: "Finding",
                table: "havip_events");

            migrationBuilder.DropColumn(
                name: "Instances",
                table: "havip_events");
        }
    }
}
