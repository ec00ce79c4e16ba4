using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace HaVip.Storage.Migrations.Sqlite
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
                    InstanceId = table.Column<string>(type: "TEXT", nullable: false),
                    VirtualRouterId = table.Column<int>(type: "INTEGER", nullable: false),
                    Advertising = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<int>(type: "INTEGER", nullable: false),
                    Priority = table.Column<int>(type: "INTEGER", nullable: false),
                    AdvertIntervalMilliseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    AuthType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Addresses = table.Column<string>(type: "TEXT", maxLength: 4096, nullable: false),
                    MasterDownIntervalMicroseconds = table.Column<long>(type: "INTEGER", nullable: false),
                    StartedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ChangedAt = table.Column<DateTime>(type: "TEXT", nullable: false),
                    LastAdvertAt = table.Column<DateTime>(type: "TEXT", nullable: false)
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
